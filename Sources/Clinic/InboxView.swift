/// Which messages a list shows. Every view but All, Sent, Outbox and Done leaves out messages marked done.
public enum InboxView: String, CaseIterable, Sendable {
  case unread
  case mine
  case routed
  case unassigned
  case sent
  case outbox
  case done
  case drafts
  case all

  public var title: String {
    switch self {
    case .unread: return "Unread"
    case .mine: return "Mine"
    case .routed: return "Routed to me"
    case .unassigned: return "Unassigned"
    case .sent: return "Sent"
    case .outbox: return "Outbox"
    case .done: return "Done"
    case .drafts: return "Drafts"
    case .all: return "All"
    }
  }
}
