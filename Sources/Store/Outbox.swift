import Foundation
import GRDB
import FHIRMapping

/// The outbox: what a clinician writes is stored here, in the same transaction as the message row the inbox
/// shows for it, before any network call. The pusher (Sync) delivers it.
extension Store {
  /// Queues a message to a patient and shows it at once in the patient's thread as `queued`.
  @discardableResult
  public func queueMessage(patientID: PatientID, from practitioner: StaffID, text: String,
                           at now: Date) throws -> OutboxEntry {
    try queue(patientID: patientID, sender: practitioner.reference, recipient: patientID.reference, text: text,
              recordedBy: nil, at: now)
  }

  /// Queues a patient's message taken by phone or at the desk — from the Patient, to the staff member it is for,
  /// with no `received`, so it lands unread in their inbox — marked here as recorded by `recordedBy`.
  @discardableResult
  public func queueRecordedMessage(patientID: PatientID, for practitioner: StaffID, recordedBy: String, text: String,
                                   at now: Date) throws -> OutboxEntry {
    try queue(patientID: patientID, sender: patientID.reference, recipient: practitioner.reference, text: text,
              recordedBy: recordedBy, at: now)
  }

  private func queue(patientID: PatientID, sender: String, recipient: String, text: String, recordedBy: String?,
                     at now: Date) throws -> OutboxEntry {
    let sent = ServerTime.text(now)
    let identifier = "urn:uuid:\(UUID().uuidString.lowercased())"
    return try write { db in
      try db.execute(sql: """
        INSERT INTO outbox (kind, patient_id, sender, recipient, text, sent, identifier, state, recorded_by, created_at,
                            updated_at)
        VALUES ('message', ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)
        """, arguments: [patientID, sender, recipient, text, sent, identifier, recordedBy,
                         now.timeIntervalSince1970, now.timeIntervalSince1970])
      let entry = try Self.outboxEntry(db, id: db.lastInsertedRowID)!
      try db.execute(sql: """
        INSERT INTO message (id, patient_id, sender, recipient, sent, received, status, text, raw, synced_at, delivery,
                             read_at, recorded_by)
        VALUES (?, ?, ?, ?, ?, NULL, 'preparation', ?, ?, ?, 'queued', ?, ?)
        """, arguments: [entry.localMessageID, patientID, entry.sender, entry.recipient, now.timeIntervalSince1970,
                         HTMLText.plain(text), try entry.keptMessage(),
                         now.timeIntervalSince1970, now.timeIntervalSince1970, recordedBy])
      return entry
    }
  }

  /// Entries still to deliver, oldest first.
  public func pendingOutbox() throws -> [OutboxEntry] {
    try read { db in
      try OutboxRow.filter(["queued", "sending"].contains(OutboxRow.Columns.state)).order(OutboxRow.Columns.id)
        .fetchAll(db).map(\.entry)
    }
  }

  public func outboxEntry(id: Int64) throws -> OutboxEntry? {
    try read { db in try Self.outboxEntry(db, id: id) }
  }

  /// How many entries wait, and how many failed for good.
  public func outboxCounts() throws -> (pending: Int, failed: Int) {
    try read { db in
      // A read shared with Canvas is not a write a clinician waits for: it is not counted as queued.
      (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending') "
                        + "AND kind <> 'read'") ?? 0,
       try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'failed' AND kind <> 'read'") ?? 0)
    }
  }

  /// When the next automatic retry of a waiting write is due, if one waits for a retry.
  public func nextOutboxAttempt() throws -> Date? {
    try read { db in
      try Double.fetchOne(db, sql: "SELECT MIN(next_attempt) FROM outbox WHERE state = 'queued' AND next_attempt > 0")
        .map(Date.init(timeIntervalSince1970:))
    }
  }

  /// About to send: from here until an answer, the message may reach the server.
  public func markSending(_ id: Int64, at now: Date) throws {
    try write { db in
      try db.execute(sql: "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?",
                     arguments: [now.timeIntervalSince1970, id])
      try db.execute(sql: "UPDATE message SET delivery = 'sending' WHERE id = ?", arguments: ["outbox-\(id)"])
    }
  }

  /// The server has it, as `serverID`: the local row becomes the server's message, kept as `sent` — and, with a
  /// webhook, its delivery to the patient's app is queued in the same transaction, so no crash can skip it.
  public func markSent(_ id: Int64, serverID: MessageID, at now: Date, deliverTo webhook: URL? = nil) throws {
    try write { db in
      guard let entry = try Self.outboxEntry(db, id: id) else { return }
      // A patient's own words recorded here are not delivered to their app.
      if let webhook, !Party(reference: entry.sender).isPatient {
        try Self.queueDelivery(messageID: serverID, url: webhook, in: db, at: now)
      }
      let recordedBy = try String.fetchOne(db, sql: "SELECT recorded_by FROM outbox WHERE id = ?", arguments: [id])
      try db.execute(sql: "UPDATE outbox SET state = 'sent', server_id = ?, may_exist = 0, last_error = NULL, "
                     + "updated_at = ? WHERE id = ?",
                     arguments: [serverID, now.timeIntervalSince1970, id])
      try db.execute(sql: "DELETE FROM message WHERE id = ?", arguments: [entry.localMessageID])
      try Self.upsert(try entry.sentMessage(serverID: serverID), in: db, at: now)
      try db.execute(sql: "UPDATE message SET delivery = 'sent', read_at = COALESCE(read_at, ?), "
                     + "recorded_by = ? WHERE id = ?",
                     arguments: [now.timeIntervalSince1970, recordedBy, serverID])
    }
  }

  /// A write with nothing to show in the inbox (a task's status) is done.
  public func markDelivered(_ id: Int64, at now: Date) throws {
    try write { db in
      try db.execute(sql: "UPDATE outbox SET state = 'sent', may_exist = 0, last_error = NULL, "
                     + "updated_at = ? WHERE id = ?",
                     arguments: [now.timeIntervalSince1970, id])
    }
  }

  /// Not delivered yet: try again at `next`. `mayExist` when the attempt may have reached the server.
  public func markRetry(_ id: Int64, error: String, mayExist: Bool, next: Date, at now: Date) throws {
    try write { db in
      try db.execute(sql: """
        UPDATE outbox SET state = 'queued', may_exist = MAX(may_exist, ?), last_error = ?, next_attempt = ?,
          updated_at = ?
        WHERE id = ?
        """, arguments: [mayExist, error, next.timeIntervalSince1970, now.timeIntervalSince1970, id])
      // An attempt that may have landed is looked for before it is sent again: the thread says "checking".
      try db.execute(sql: """
        UPDATE message
        SET delivery = CASE WHEN (SELECT may_exist FROM outbox WHERE id = ?) = 1 THEN 'checking' ELSE 'queued' END
        WHERE id = ?
        """, arguments: [id, "outbox-\(id)"])
    }
  }

  /// The server refused it for good (a 4xx): kept, with the reason, until the clinician retries or edits it.
  public func markFailed(_ id: Int64, error: String, at now: Date) throws {
    try write { db in
      try db.execute(sql: "UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ?",
                     arguments: [error, now.timeIntervalSince1970, id])
      try db.execute(sql: "UPDATE message SET delivery = ? WHERE id = ?",
                     arguments: ["failed: \(error)", "outbox-\(id)"])
      try Self.checkInFailed(id, in: db)
    }
  }

  /// Puts a failed entry back in the queue.
  public func retryOutbox(_ id: Int64, at now: Date) throws {
    try write { db in
      try db.execute(sql: "UPDATE outbox SET state = 'queued', next_attempt = 0, updated_at = ? WHERE id = ? "
                     + "AND state = 'failed'",
                     arguments: [now.timeIntervalSince1970, id])
      try db.execute(sql: "UPDATE message SET delivery = 'queued' WHERE id = ?", arguments: ["outbox-\(id)"])
    }
  }

  /// Takes a failed message out of the outbox for good; its text becomes a draft for the same patient, so
  /// nothing typed is lost and it can be found, edited and sent again.
  public func discardFailed(_ id: Int64, at now: Date) throws {
    let entry = try write { db -> OutboxEntry? in
      guard let entry = try Self.outboxEntry(db, id: id), entry.state == .failed,
            entry.kind == .message else { return nil }
      try db.execute(sql: "UPDATE outbox SET state = 'discarded', updated_at = ? WHERE id = ?",
                     arguments: [now.timeIntervalSince1970, id])
      try db.execute(sql: "DELETE FROM message WHERE id = ?", arguments: [entry.localMessageID])
      return entry
    }
    guard let entry else { return }
    guard let clinician = Party(reference: entry.sender).staffID else { return }
    try saveDraft(id: nil, patientID: entry.patientID, from: clinician, text: entry.text, cursor: entry.text.count,
                  at: now)
  }

  static func outboxEntry(_ db: Database, id: Int64) throws -> OutboxEntry? {
    try OutboxRow.fetchOne(db, key: id)?.entry
  }
}
