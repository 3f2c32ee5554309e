import Foundation
import GRDB
import Clinic
import FHIRMapping

/// A check-in recorded here goes through the outbox like a message: stored, with a row the thread's panel shows
/// at once, before any network call; the row becomes the server's once it has it.
extension Store {
  /// Queues `checkIn` (answers to `form`, by `author`) and shows it in the patient's check-ins as recorded. The
  /// form is named as the server's own check-ins name theirs (`questionnaireReference`), from `server` or the
  /// server this cache syncs with.
  @discardableResult
  public func queueCheckIn(_ checkIn: CheckIn, form: CheckInForm, author: StaffID, server: URL? = nil) throws
    -> OutboxEntry {
    let server = try server ?? syncValue("server").flatMap(URL.init(string:))
    let questionnaire = try questionnaireReference(formID: form.id, server: server)
    let intent = CheckInIntent(checkIn, form: form, questionnaire: questionnaire, author: author)
    let recorded = CheckInWrite(intent, patientID: checkIn.patientID)
    let now = checkIn.authored
    return try write { db in
      let entry = try Self.insertOutbox(db, kind: .checkIn, patientID: checkIn.patientID, sender: author.reference,
                                        recipient: "Questionnaire/\(form.id)", text: "", intent: .checkIn(intent),
                                        sent: ServerTime.text(now), at: now)
      if var shown = try recorded.shown(as: entry.localMessageID) {
        shown.status = "queued"
        try Self.upsert(shown, in: db, at: now)
      }
      return entry
    }
  }

  /// The server has the check-in as `serverID`: the local row becomes the server's.
  public func checkInDelivered(outboxID: Int64, serverID: String, at now: Date) throws {
    try write { db in
      guard let entry = try Self.outboxEntry(db, id: outboxID), case .checkIn(let intent)? = entry.intent,
            let delivered = try CheckInWrite(intent, patientID: entry.patientID).shown(as: serverID) else { return }
      try db.execute(sql: "UPDATE outbox SET state = 'sent', server_id = ?, may_exist = 0, last_error = NULL, "
                     + "updated_at = ? WHERE id = ?",
                     arguments: [serverID, now.timeIntervalSince1970, outboxID])
      try db.execute(sql: "DELETE FROM checkin WHERE id = ?", arguments: [entry.localMessageID])
      try Self.upsert(delivered, in: db, at: now)
    }
  }

  /// Refused by the server: the local row is no longer shown as recorded.
  static func checkInFailed(_ outboxID: Int64, in db: Database) throws {
    try db.execute(sql: "UPDATE checkin SET status = 'failed' WHERE id = ?", arguments: ["outbox-\(outboxID)"])
  }

  /// The form of `questionnaire` the server uses, from the check-ins it sent: an absolute URL where Canvas's newer
  /// API gives one (reference §7.2), else `Questionnaire/<id>`.
  public func questionnaireReference(formID: String, server: URL?) throws -> String {
    let sample = try read { db in
      try String.fetchOne(db, sql: """
        SELECT json_extract(raw, '$.questionnaire') FROM checkin WHERE id NOT LIKE 'outbox-%' LIMIT 1
        """)
    }
    guard let sample, sample.hasPrefix("http"), let server else { return "Questionnaire/\(formID)" }
    return server.appendingPathComponent("Questionnaire").appendingPathComponent(formID).absoluteString
  }

  /// The patient's check-ins the server refused, with its reason.
  public func refusedCheckIns(patientID: PatientID) throws -> [RefusedCheckIn] {
    try read { db in
      try Row.fetchAll(db, sql: """
        SELECT o.id, o.last_error, c.raw FROM outbox o JOIN checkin c ON c.id = 'outbox-' || o.id
        WHERE o.kind = 'checkin' AND o.state = 'failed' AND o.patient_id = ? ORDER BY o.id
        """, arguments: [patientID]).compactMap { row in
        guard let checkIn = SyncedCheckIn(kept: row["raw"])?.checkIn else { return nil }
        return RefusedCheckIn(outboxID: row["id"], checkIn: checkIn, reason: row["last_error"] ?? "refused")
      }
    }
  }

  /// A refused check-in recorded again (or given up): out of the outbox and the cache.
  public func discardRefusedCheckIn(_ outboxID: Int64, at now: Date) throws {
    try write { db in
      try db.execute(sql: "UPDATE outbox SET state = 'discarded', updated_at = ? WHERE id = ? AND kind = 'checkin'",
                     arguments: [now.timeIntervalSince1970, outboxID])
      try db.execute(sql: "DELETE FROM checkin WHERE id = ?", arguments: ["outbox-\(outboxID)"])
    }
  }
}
