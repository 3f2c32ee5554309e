import Foundation

/// A write still in the outbox — queued, being sent, or refused — as a clinician names it before leaving.
public struct UnsentWrite: Equatable, Sendable {
  public enum Kind: Equatable, Sendable { case reply, phoneMessage, routing, checkIn }
  public var kind: Kind
  public var patientName: String
  /// Refused by the server (it waits for `R` or `X`), not only waiting for the network.
  public var failed: Bool

  public init(kind: Kind, patientName: String, failed: Bool = false) {
    self.kind = kind; self.patientName = patientName; self.failed = failed
  }

  /// "1 reply to Chloe Dubois not sent", "2 replies (Chloe Dubois, Luis Ortega) and 1 routing not sent".
  public static func summary(_ writes: [UnsentWrite]) -> String {
    let failed = writes.filter(\.failed).count
    return list(writes) + " not sent" + (failed > 0 ? " (\(failed) refused by the server: R retries)" : "")
  }

  /// "1 reply to Chloe Dubois", "2 replies (Chloe Dubois, Luis Ortega) and 1 routing".
  public static func list(_ writes: [UnsentWrite]) -> String {
    let kinds: [(Kind, String, String, String)] = [
      (.reply, "reply", "replies", "to"), (.phoneMessage, "phone message", "phone messages", "from"),
      (.routing, "routing", "routings", "of"), (.checkIn, "check-in", "check-ins", "of"),
    ]
    var parts: [String] = []
    for (kind, one, many, word) in kinds {
      let these = writes.filter { $0.kind == kind }
      guard !these.isEmpty else { continue }
      var names: [String] = []
      for w in these where !names.contains(w.patientName) { names.append(w.patientName) }
      let shown = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
      parts.append(these.count == 1 ? "1 \(one) \(word) \(shown)" : "\(these.count) \(many) (\(shown))")
    }
    return parts.count > 1 ? parts.dropLast().joined(separator: ", ") + " and " + parts.last! : parts.first ?? ""
  }
}
