import Clinic

/// Each view defined once: which messages are in it and whose rows they are. The view index's triggers
/// (`ViewIndex.membership`) and the queries over `message` (`MessageQuery.whereClause`) are both made from this
/// table, so the two cannot drift apart; `ViewIndexTests` still compares them over random histories.
///
/// Not here: Awaiting reply and Routed by me are read from tables of their own (`OwnList`: a thread's wait, a
/// routing), and Covering is a colleague's Mine.
struct ViewDefinition {
  /// Whose row a message is in a per-person view.
  enum Owner {
    /// The staff member it is to (Unread, Mine).
    case recipient
    /// The staff member who wrote it (Sent).
    case sender
    /// The colleague an open routing hands it to (Routed to me).
    case routing
  }

  let view: InboxView
  let owner: Owner?
  /// Which messages, over `m`, before the owner and the drafts rule.
  let condition: String
  /// With nobody acting, which messages a per-person view shows (everyone's): nil for no further condition.
  let anyone: String?

  static let open = "m.done_at IS NULL"
  static let notDraft = "m.delivery IS NOT 'draft'"
  static let toStaff = "m.recipient_kind = 'staff'"
  static let fromStaff = "m.sender_kind = 'staff'"
  static let fromPatient = "m.sender_kind = 'patient'"

  /// The table. Urgent is last and its lexicon test last in it, so the lexicon runs only on an open patient's
  /// message; Any staff only once the clinician asked for it (its rows would cost a sync that never shows them).
  static let all: [ViewDefinition] = [
    .init(view: .unread, owner: .recipient, condition: "\(MessageQuery.unreadSQL) AND \(open)", anyone: nil),
    .init(view: .mine, owner: .recipient, condition: open, anyone: toStaff),
    .init(view: .routed, owner: .routing, condition: open, anyone: MessageQuery.anyOpenTaskSQL),
    .init(view: .unassigned, owner: nil, condition: """
      \(open) AND \(fromPatient) AND m.recipient_kind <> 'staff' AND NOT \(MessageQuery.anyOpenTaskSQL)
      """, anyone: nil),
    .init(view: .sent, owner: .sender, condition: MessageQuery.notYetSentSQL, anyone: fromStaff),
    .init(view: .outbox, owner: nil,
          condition: "m.delivery IS NOT NULL AND m.delivery NOT IN ('sent', 'draft', 'task')", anyone: nil),
    .init(view: .done, owner: nil, condition: "m.done_at IS NOT NULL", anyone: nil),
    .init(view: .drafts, owner: nil, condition: "m.delivery = 'draft'", anyone: nil),
    .init(view: .all, owner: nil, condition: "1", anyone: nil),
    .init(view: .anyStaff, owner: nil,
          condition: "\(ViewIndex.anyStaffOn) AND \(open) AND \(fromPatient) AND \(toStaff)", anyone: nil),
    .init(view: .urgent, owner: nil, condition: "\(open) AND \(fromPatient) AND clinbox_red_flag(m.text) IS NOT NULL",
          anyone: nil),
  ]

  static func of(_ view: InboxView) -> ViewDefinition? { all.first { $0.view == view } }

  /// A draft is only in Drafts (and in its patient's thread).
  var drafts: String? { view == .drafts ? nil : Self.notDraft }

  /// The index's row owner, as an SQL expression (over `m`, or `t` the open routing).
  var ownerColumn: String? {
    switch owner {
    case .recipient?: return "m.recipient"
    case .sender?: return "m.sender"
    case .routing?: return "t.owner"
    case nil: return nil
    }
  }

  /// The condition the index keeps rows by: only staff own rows (nobody acts as a patient). The drafts rule
  /// first, so that Urgent's lexicon stays the last test.
  var membership: String {
    let staffOwner: String? = switch owner {
    case .recipient?: Self.toStaff
    case .sender?: Self.fromStaff
    case .routing?, nil: nil
    }
    return [drafts, condition == "1" ? nil : condition, staffOwner].compactMap { $0 }.joined(separator: " AND ")
  }

  /// The condition over `message` for `me` (a reference), with its argument; everyone's when nobody acts.
  func scan(me: String?) -> (sql: String, args: [String]) {
    var parts = [condition]
    var args: [String] = []
    switch (owner, me) {
    case (.recipient?, let me?): parts.append("m.recipient = ?"); args.append(me)
    case (.sender?, let me?): parts.append("m.sender = ?"); args.append(me)
    case (.routing?, let me?): parts.append(MessageQuery.openTaskSQL(owner: true)); args.append(me)
    case (_?, nil): if let anyone { parts.append(anyone) }
    case (nil, _): break
    }
    return (parts.joined(separator: " AND "), args)
  }
}
