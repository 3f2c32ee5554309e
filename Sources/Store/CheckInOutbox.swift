import Foundation
import GRDB
import FHIR
import FHIRMapping

/// A check-in recorded here goes through the outbox like a message: stored, with a row the thread's panel shows
/// at once, before any network call; the row becomes the server's once it has it.
extension Store {
  /// Queues `response` (a QuestionnaireResponse to create) and shows it in the patient's check-ins as recorded.
  @discardableResult
  public func queueCheckIn(_ response: QuestionnaireResponse, patientID: PatientID, formID: String, author: StaffID,
                           at now: Date) throws -> OutboxEntry {
    let payload = String(decoding: try FHIRJSON.encoder.encode(response), as: UTF8.self)
    return try write { db in
      try db.execute(sql: """
        INSERT INTO outbox (kind, patient_id, sender, recipient, text, sent, identifier, state, payload, created_at,
                            updated_at)
        VALUES ('checkin', ?, ?, ?, '', ?, ?, 'queued', ?, ?, ?)
        """, arguments: [patientID, author.reference, "Questionnaire/\(formID)", response.authored ?? Instant.format(now),
                         "urn:uuid:\(UUID().uuidString.lowercased())", payload, now.timeIntervalSince1970,
                         now.timeIntervalSince1970])
      let entry = try Self.outboxEntry(db, id: db.lastInsertedRowID)!
      var local = response
      local.id = entry.localMessageID
      try Self.upsertCheckIn(local, localStatus: "queued", in: db, at: now)
      return entry
    }
  }

  /// The server has the check-in as `serverID`: the local row becomes the server's.
  public func checkInDelivered(outboxID: Int64, serverID: String, at now: Date) throws {
    try write { db in
      guard let entry = try Self.outboxEntry(db, id: outboxID), let payload = entry.payload,
            var response = try? FHIRJSON.decoder.decode(QuestionnaireResponse.self, from: Data(payload.utf8)) else { return }
      try db.execute(sql: "UPDATE outbox SET state = 'sent', server_id = ?, may_exist = 0, last_error = NULL, updated_at = ? WHERE id = ?",
                     arguments: [serverID, now.timeIntervalSince1970, outboxID])
      try db.execute(sql: "DELETE FROM checkin WHERE id = ?", arguments: [entry.localMessageID])
      response.id = serverID
      try Self.upsertCheckIn(response, localStatus: nil, in: db, at: now)
    }
  }

  /// Refused by the server: the local row is no longer shown as recorded.
  static func checkInFailed(_ outboxID: Int64, in db: Database) throws {
    try db.execute(sql: "UPDATE checkin SET status = 'failed' WHERE id = ?", arguments: ["outbox-\(outboxID)"])
  }

  static func upsertCheckIn(_ r: QuestionnaireResponse, localStatus: String?, in db: Database, at now: Date) throws {
    guard let mapped = SyncedCheckIn(r, raw: try JSONValue.from(r)) else { return }
    var row = mapped
    if let localStatus { row.status = localStatus }
    try upsert(row, in: db, at: now)
  }

  /// The form of `questionnaire` the server uses, from the check-ins it sent: an absolute URL where Canvas's newer
  /// API gives one (reference §7.2), else `Questionnaire/<id>`.
  public func questionnaireReference(formID: String, server: URL) throws -> String {
    let sample = try read { db in
      try String.fetchOne(db, sql: "SELECT json_extract(raw, '$.questionnaire') FROM checkin WHERE id NOT LIKE 'outbox-%' LIMIT 1")
    }
    guard let sample, sample.hasPrefix("http") else { return "Questionnaire/\(formID)" }
    return server.appendingPathComponent("Questionnaire").appendingPathComponent(formID).absoluteString
  }

  /// The patient's check-ins the server refused, with its reason.
  public func refusedCheckIns(patientID: PatientID) throws -> [RefusedCheckIn] {
    try read { db in
      try Row.fetchAll(db, sql: """
        SELECT o.id, o.last_error, c.raw FROM outbox o JOIN checkin c ON c.id = 'outbox-' || o.id
        WHERE o.kind = 'checkin' AND o.state = 'failed' AND o.patient_id = ? ORDER BY o.id
        """, arguments: [patientID]).compactMap { row in
        guard let json = try? JSONValue(json: row["raw"]), let r = try? json.decode(QuestionnaireResponse.self),
              let checkIn = SyncedCheckIn(r, raw: json)?.checkIn else { return nil }
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
