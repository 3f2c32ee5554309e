/// Which messages a list shows. Every view but All, Sent, Outbox and Done leaves out messages marked done.
public enum InboxView: String, CaseIterable, Sendable {
  /// Patients' messages a red flag was found in (a rule's match, not a diagnosis), newest first.
  case urgent
  case unread
  case mine
  case routed
  /// Patient threads whose newest words are the patient's, unanswered: one row a thread, the longest wait first.
  case awaiting
  case unassigned
  /// Every open patient's message to any colleague (Canvas's "any staff"), synced only on request.
  case anyStaff = "any-staff"
  /// The routings this clinician made: each Task, its colleague and where it stands.
  case routedByMe = "routed-by-me"
  /// Colleagues' inboxes this clinician covers (one entry a colleague in the sidebar).
  case covering
  case sent
  case outbox
  case done
  case drafts
  case all

  public var title: String {
    switch self {
    case .urgent: return "Urgent"
    case .unread: return "Unread"
    case .mine: return "Mine"
    case .routed: return "Routed to me"
    case .awaiting: return "Awaiting reply"
    case .unassigned: return "Unassigned"
    case .anyStaff: return "Any staff"
    case .routedByMe: return "Routed by me"
    case .covering: return "Covering"
    case .sent: return "Sent"
    case .outbox: return "Outbox"
    case .done: return "Done"
    case .drafts: return "Drafts"
    case .all: return "All"
    }
  }

  /// The views the sidebar lists in this order (a covered colleague's inbox has an entry of its own instead).
  public static let sidebar: [InboxView] = allCases.filter { $0 != .covering }
}
