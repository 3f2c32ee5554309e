import Foundation
import GRDB
import Clinic
import FHIRMapping

/// Routing a message to a colleague as a FHIR Task, kept in the cache and delivered through the outbox.
///
/// Canvas keeps only the Task attributes it documents (reference §4.7): the link to the message lives in a
/// note and in the `description` a person reads in Canvas's Task panel, and a status change carries the whole
/// Task as the server returned it, minus its notes (each note in an update becomes a new comment).
extension Store {
  /// Stores a routing Task (a message routed to its `owner`).
  static func upsert(_ t: SyncedTask, in db: Database, at now: Date) throws {
    try TaskRow(task: t, updatedAt: now).upsert(db)
  }

  /// The open Task routing a message, if any: its id (local `outbox-<n>` until delivered).
  public func openTask(forMessage id: MessageID) throws -> TaskID? {
    try lastTask(forMessage: id, status: "requested")
  }

  /// The most recent Task of a message with a status (to reopen one that done completed).
  public func lastTask(forMessage id: MessageID, status: String) throws -> TaskID? {
    try read { db in
      try TaskID.fetchOne(db, sql: "SELECT id FROM task WHERE message_id = ? AND status = ? "
                          + "ORDER BY updated_at DESC LIMIT 1",
                          arguments: [id, status])
    }
  }

  /// A routing as the server last sent it (or as queued here): what a status change is made from.
  public func taskRaw(id: TaskID) throws -> String? {
    try read { db in try String.fetchOne(db, sql: "SELECT raw FROM task WHERE id = ?", arguments: [id]) }
  }

  /// The messages cached Tasks route that are not cached themselves.
  public func tasksWithoutMessage() throws -> [MessageID] {
    try read { db in
      try MessageID.fetchAll(db, sql: """
        SELECT DISTINCT t.message_id FROM task t LEFT JOIN message m ON m.id = t.message_id
        WHERE t.message_id IS NOT NULL AND m.id IS NULL
        """)
    }
  }

  /// Tasks that lead to no cached message — made in Canvas's UI, or about a message since deleted — still show
  /// as routed items for their patient: each gets a row of its own (`task-<id>`) that reads as its description.
  public func showTasksWithoutMessage(at now: Date) throws {
    try write { db in
      let orphans = try Row.fetchAll(db, sql: """
        SELECT t.id, t.patient_id, t.owner, t.requester, t.description, t.raw FROM task t
        LEFT JOIN message m ON m.id = t.message_id
        WHERE m.id IS NULL AND t.patient_id IS NOT NULL AND t.id NOT LIKE 'outbox-%'
        """)
      for row in orphans {
        let taskID: String = row["id"]
        let placeholder = "task-\(taskID)"
        let sent = SyncedTask.authored(raw: row["raw"])?.timeIntervalSince1970
        try db.execute(sql: """
          INSERT INTO message (id, patient_id, sender, recipient, sent, status, text, raw, synced_at, delivery)
          VALUES (?, ?, ?, ?, ?, 'task', ?, ?, ?, 'task')
          ON CONFLICT(id) DO UPDATE SET text = excluded.text, raw = excluded.raw, synced_at = excluded.synced_at
          """, arguments: [placeholder, row["patient_id"], row["requester"] ?? "", row["owner"] ?? "", sent,
                           "Routed task: " + (row["description"] as String? ?? ""), row["raw"],
                           now.timeIntervalSince1970])
        try db.execute(sql: "UPDATE task SET message_id = ? WHERE id = ?", arguments: [placeholder, taskID])
      }
      // A Task whose message has since been found no longer needs its stand-in.
      try db.execute(sql: """
        DELETE FROM message
        WHERE delivery = 'task' AND id NOT IN (SELECT message_id FROM task WHERE message_id IS NOT NULL)
        """)
    }
  }

  /// Routes a message to a colleague: a Task is queued in the outbox and shown at once.
  @discardableResult
  public func queueRoute(messageID: MessageID, patientID: PatientID, to owner: StaffID, from requester: StaffID,
                         note: String,
                         at now: Date, timeZone: TimeZone = .current, labels: [String] = [],
                         due: Date? = nil) throws -> OutboxEntry {
    try write { db in
      let message = try Row.fetchOne(db, sql: """
        SELECT m.text, m.sent, m.sender_kind, s.name AS sender_name FROM message m
        LEFT JOIN practitioner s ON s.id = m.sender_id AND m.sender_kind = 'staff' WHERE m.id = ?
        """, arguments: [messageID])
      let patientName = try PatientRow.fetchOne(db, key: patientID)?.record.displayName ?? ""
      let fromPatient = message.map { $0["sender_kind"] == "patient" } ?? true
      let description = RoutingText.description(
        patient: patientName, clinician: fromPatient ? nil : (message?["sender_name"] ?? "a clinician"),
        sent: (message?["sent"] as Double?).map(Date.init(timeIntervalSince1970:)), text: message?["text"] ?? "",
        note: note, timeZone: timeZone)
      let routing = RoutingIntent(messageID: messageID, owner: owner, requester: requester,
                                  description: description, note: note, at: now, labels: labels, due: due)
      let entry = try Self.insertOutbox(db, kind: .task, patientID: patientID, sender: requester.reference,
                                        recipient: owner.reference, text: note, intent: .routing(routing), at: now)
      let shown = try RoutingWrite(routing, patientID: patientID).shown(as: entry.localMessageID)
      if let shown { try Self.upsert(shown, in: db, at: now) }
      try db.execute(sql: """
        INSERT INTO recent_pick (practitioner_id, picked_at) VALUES (?, ?)
        ON CONFLICT(practitioner_id) DO UPDATE SET picked_at = excluded.picked_at
        """, arguments: [owner, now.timeIntervalSince1970])
      return entry
    }
  }

  /// Sets a routing Task's status (completed on done, cancelled on an undone route, requested on an undone done),
  /// locally at once and on the server through the outbox. The update is the Task as the server last returned
  /// it — an omitted description, owner, restriction or input would be deleted on Canvas — without its notes,
  /// which Canvas would add again as new comments.
  @discardableResult
  public func queueTaskStatus(taskID: TaskID, status: String, at now: Date) throws -> OutboxEntry? {
    try write { db in
      guard let raw = try String.fetchOne(db, sql: "SELECT raw FROM task WHERE id = ?", arguments: [taskID]),
            let update = try TaskStatusWrite(kept: raw, status: status) else { return nil }
      try db.execute(sql: "UPDATE task SET status = ?, raw = ?, updated_at = ? WHERE id = ?",
                     arguments: [status, update.kept, now.timeIntervalSince1970, taskID])
      return try Self.insertOutbox(db, kind: .taskStatus, patientID: update.patientID, sender: update.requester,
                                   recipient: taskID.rawValue, text: status, intent: .routingStatus(status), at: now)
    }
  }

  /// An outbox entry for a write that is not a message (`intent` is what it means), stamped `sent` (now unless
  /// the write carries its own time).
  static func insertOutbox(_ db: Database, kind: OutboxKind, patientID: PatientID, sender: String, recipient: String,
                           text: String, intent: OutboxIntent, sent: String? = nil, at now: Date) throws
    -> OutboxEntry {
    try db.execute(sql: """
      INSERT INTO outbox (kind, patient_id, sender, recipient, text, sent, identifier, state, created_at, updated_at,
                          intent)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)
      """, arguments: [kind.rawValue, patientID, sender, recipient, text, sent ?? ServerTime.text(now),
                       "urn:uuid:\(UUID().uuidString.lowercased())", now.timeIntervalSince1970,
                       now.timeIntervalSince1970, intent.kept])
    return try outboxEntry(db, id: db.lastInsertedRowID)!
  }

  /// The server gave a queued Task its id: the local row takes it, and queued status changes follow it.
  public func taskDelivered(outboxID: Int64, localID: TaskID, serverID: TaskID, at now: Date) throws {
    try write { db in
      try db.execute(sql: """
        UPDATE outbox SET state = 'sent', server_id = ?, may_exist = 0, last_error = NULL, updated_at = ? WHERE id = ?
        """, arguments: [serverID, now.timeIntervalSince1970, outboxID])
      try db.execute(sql: "UPDATE task SET id = ? WHERE id = ?", arguments: [serverID, localID])
      try db.execute(sql: """
        UPDATE outbox SET recipient = ? WHERE kind = 'task-status' AND recipient = ? AND state IN ('queued', 'sending')
        """, arguments: [serverID, localID])
    }
  }
}

/// The words of a routing Task, as a person reads them in Canvas's Task panel.
public enum RoutingText {
  /// `Message from Ann Roe, 1 Dec 2026: "I have chest pain since…" — please call her today`, or for a clinician's
  /// own message `Reply from Priya Raman MD to Ann Roe, …`. Made plain (no control characters) by the mapping.
  public static func description(patient: String, clinician: String? = nil, sent: Date?, text: String, note: String,
                                 timeZone: TimeZone) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = timeZone
    f.dateFormat = "d MMM yyyy"
    let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    let quoted = words.count > 60 ? String(words.prefix(60)).trimmingCharacters(in: .whitespaces) + "…" : words
    let who = patient.isEmpty ? "a patient" : patient
    var out = clinician.map { "Reply from \($0) to \(who)" } ?? "Message from \(who)"
    if let sent { out += ", \(f.string(from: sent))" }
    out += ": \"\(quoted)\""
    let n = note.trimmingCharacters(in: .whitespacesAndNewlines)
    if !n.isEmpty { out += " — \(n)" }
    return out
  }
}
