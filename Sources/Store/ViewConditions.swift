import Foundation
import GRDB
import FHIRMapping

/// Which messages each view holds, as SQL over `message m`: what a search, a thread and a person's view with
/// nobody acting are read by, and what the view index is checked against (`ViewIndexTests`).
extension MessageQuery {
  /// The patient message nobody has read: no `received` from the server and not opened here — or marked
  /// unread again here.
  static let unreadSQL = "(m.sender_kind = 'patient' AND (m.marked_unread = 1 OR (m.received IS NULL "
      + "AND m.read_at IS NULL)))"
  /// Not a server's draft or scheduled message (rows written here keep `preparation` until the server has them).
  static let notYetSentSQL = """
    (m.delivery IS NOT NULL AND m.delivery IS NOT 'sent'
      OR (m.status IS NOT 'preparation' AND m.status IS NOT 'in-progress'))
    """
  /// The message has an open routing (to `?` when `owner`).
  static func openTaskSQL(owner: Bool) -> String {
    let whose = owner ? " AND t.owner = ?" : ""
    return "EXISTS (SELECT 1 FROM task t WHERE t.message_id = m.id AND t.status = 'requested'\(whose))"
  }
  static let anyOpenTaskSQL = openTaskSQL(owner: false)

  var whereClause: (String, StatementArguments) {
    var parts: [String] = []
    var args: StatementArguments = []
    let me = self.me?.reference
    switch view {
    case .awaiting:
      // Read from `thread_wait` (`Store.awaitingPage`); this is the same set, for a count over `message`.
      parts.append("m.rowid IN (SELECT mid FROM thread_wait WHERE since IS NOT NULL)")
    case .routedByMe:
      let mine = me == nil ? "" : " AND requester = ?"
      parts.append("m.id IN (SELECT message_id FROM task WHERE requester IS NOT NULL\(mine))")
      if let me { args += [me] }
    case .covering:
      parts.append("m.done_at IS NULL")
      parts.append(covering.isEmpty ? "0" : "m.recipient IN (\(covering.map { _ in "?" }.joined(separator: ", ")))")
      args += StatementArguments(covering.map(\.reference))
    default:
      if let defined = ViewDefinition.of(view) {
        let (sql, bound) = defined.scan(me: me)
        if sql != "1" { parts.append(sql) }
        args += StatementArguments(bound)
      }
    }
    // Drafts are only in the Drafts view (and their patient's thread).
    if view != .drafts && patientID == nil { parts.append("m.delivery IS NOT 'draft'") }
    if let p = patientID { parts.append("m.patient_id = ?"); args += [p] }
    let terms = searchParts(perRow: false)
    parts += terms.parts
    args += terms.args
    return (parts.isEmpty ? "" : "WHERE " + parts.joined(separator: " AND "), args)
  }
}
