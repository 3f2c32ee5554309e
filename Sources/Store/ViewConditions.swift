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
  static let openTaskSQL = "EXISTS (SELECT 1 FROM task t WHERE t.message_id = m.id AND t.status = 'requested'%OWNER%)"

  var whereClause: (String, StatementArguments) {
    var parts: [String] = []
    var args: StatementArguments = []
    let me = self.me?.reference
    switch view {
    case .all: break
    case .unread:
      parts.append(Self.unreadSQL); parts.append("m.done_at IS NULL")
      if let me { parts.append("m.recipient = ?"); args += [me] }
    case .mine:
      parts.append("m.done_at IS NULL")
      if let me { parts.append("m.recipient = ?"); args += [me] } else { parts.append("m.recipient_kind = 'staff'") }
    case .routed:
      parts.append("m.done_at IS NULL")
      if let me {
        parts.append(Self.openTaskSQL.replacingOccurrences(of: "%OWNER%", with: " AND t.owner = ?")); args += [me]
      } else {
        parts.append(Self.openTaskSQL.replacingOccurrences(of: "%OWNER%", with: ""))
      }
    case .unassigned:
      parts.append("m.done_at IS NULL AND m.sender_kind = 'patient' AND m.recipient_kind <> 'staff'")
      parts.append("NOT " + Self.openTaskSQL.replacingOccurrences(of: "%OWNER%", with: ""))
    case .sent:
      if let me { parts.append("m.sender = ?"); args += [me] } else { parts.append("m.sender_kind = 'staff'") }
      // A draft in Canvas or a message scheduled for later has not reached the patient.
      parts.append(Self.notYetSentSQL)
    case .outbox:
      parts.append("m.delivery IS NOT NULL AND m.delivery NOT IN ('sent', 'draft', 'task')")
    case .done:
      parts.append("m.done_at IS NOT NULL")
    case .drafts:
      parts.append("m.delivery = 'draft'")
    case .anyStaff:
      parts.append("\(ViewIndex.anyStaffOn) AND m.done_at IS NULL AND m.sender_kind = 'patient'")
      parts.append("m.recipient_kind = 'staff'")
    case .urgent:
      parts.append("m.done_at IS NULL AND m.sender_kind = 'patient' AND clinbox_red_flag(m.text) IS NOT NULL")
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
