import Clinic

/// How a clinician is told that a sync brought a new patient message into a view they watch: the terminal bell, a
/// desktop notification (OSC 777 / OSC 9, or tmux's own alert), and a count in the terminal's title. What is said
/// carries no patient data unless `names` ("2 new patient messages, 1 urgent").
public struct Alerts: Equatable, Sendable {
  public var bell = true
  public var notify = true
  public var title = true
  public var names = false
  /// The views watched; `.covering` stands for every covered colleague's inbox.
  public var views: Set<InboxView> = [.mine, .routed, .urgent, .covering]
  public init() {}
}

/// What one sync's new patient messages come to, for the bell, the notification and the title.
public struct NewMessages: Equatable, Sendable {
  public var count: Int
  public var urgent: Int
  /// The patients' names, only when the config allows them in notifications.
  public var names: [String]
  public init(count: Int, urgent: Int, names: [String] = []) {
    self.count = count; self.urgent = urgent; self.names = names
  }

  /// "2 new patient messages, 1 urgent" (and the names, when allowed).
  public var text: String {
    var s = count == 1 ? "1 new patient message" : "\(count) new patient messages"
    if urgent > 0 { s += ", \(urgent) urgent" }
    if !names.isEmpty { s += ": " + names.joined(separator: ", ") }
    return s
  }
}
