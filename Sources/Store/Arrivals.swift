import Foundation
import GRDB
import FHIRMapping

/// Patients' messages that came in since a point, in the views a clinician watches: what the bell, the desktop
/// notification and the title count tell of. Rows are counted by rowid, so a message is told of once, and what
/// was cached before the inbox opened never.
extension Store {
  /// The newest row of `message` so far (0 for an empty cache).
  public func newestMessageRow() throws -> Int64 {
    try read { db in try Int64.fetchOne(db, sql: "SELECT ifnull(max(rowid), 0) FROM message") ?? 0 }
  }

  /// What arrived in rows (`after`, `upTo`]: a server's patient message (not one written here), open,
  /// in one of `views` as `me` sees them (`.covering`: to one of `covering`).
  public func arrivals(after: Int64, upTo: Int64, me: StaffID?, covering: [StaffID],
                       views: Set<InboxView>) throws -> (count: Int, urgent: Int, names: [String]) {
    var watched: [String] = []
    var args: StatementArguments = [after, upTo]
    if let me, views.contains(.mine) {
      watched.append("m.recipient = ?")
      args += [me.reference]
    }
    if let me, views.contains(.routed) {
      watched.append(MessageQuery.openTaskSQL(owner: true))
      args += [me.reference]
    }
    if views.contains(.urgent) { watched.append("clinbox_red_flag(m.text) IS NOT NULL") }
    if views.contains(.covering), !covering.isEmpty {
      watched.append("m.recipient IN (\(covering.map { _ in "?" }.joined(separator: ", ")))")
      args += StatementArguments(covering.map(\.reference))
    }
    if views.contains(.unassigned) { watched.append("m.recipient_kind <> 'staff'") }
    guard !watched.isEmpty else { return (0, 0, []) }
    let sql = """
      SELECT clinbox_red_flag(m.text) IS NOT NULL AS urgent, p.given, p.family, m.patient_id FROM message m
      LEFT JOIN patient p ON p.id = m.patient_id
      WHERE m.rowid > ? AND m.rowid <= ? AND m.sender_kind = 'patient' AND m.delivery IS NULL
        AND m.done_at IS NULL AND (\(watched.joined(separator: " OR ")))
      """
    return try read { db in
      let rows = try Row.fetchAll(db, sql: sql, arguments: args)
      var names: [String] = []
      for r in rows {
        let name = PersonName.patient(given: r["given"], family: r["family"], id: r["patient_id"])
        if !names.contains(name) { names.append(name) }
      }
      return (rows.count, rows.filter { $0["urgent"] as Bool }.count, names)
    }
  }
}
