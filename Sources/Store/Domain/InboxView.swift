/// Which messages a list shows. More views (Mine, Unassigned, Done…) come with triage.
public enum InboxView: String, CaseIterable, Sendable {
  case all
  case unread
  case sent

  public var title: String {
    switch self {
    case .all: return "All"
    case .unread: return "Unread"
    case .sent: return "Sent"
    }
  }
}
