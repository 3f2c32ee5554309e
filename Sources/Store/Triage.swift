import Foundation
import GRDB
import FHIR

/// Read state, done, and routing: the clinician's triage, kept in the cache. Read state and done are local
/// (Canvas cannot update a Communication); routing is a FHIR Task, delivered through the outbox.
extension Store {
  /// Marks messages read here, now (opening a thread reads what it shows).
  public func markRead(_ ids: [String], at now: Date) throws {
    guard !ids.isEmpty else { return }
    try write { db in
      for id in ids {
        try db.execute(sql: "UPDATE message SET read_at = COALESCE(read_at, ?), marked_unread = 0 WHERE id = ?",
                       arguments: [now.timeIntervalSince1970, id])
      }
    }
  }

  /// `u`: unread becomes read (now); read becomes unread again, even if the server says it was read.
  public func setUnread(_ id: String, _ unread: Bool, at now: Date) throws {
    try write { db in
      if unread {
        try db.execute(sql: "UPDATE message SET marked_unread = 1, read_at = NULL WHERE id = ?", arguments: [id])
      } else {
        try db.execute(sql: "UPDATE message SET marked_unread = 0, read_at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, id])
      }
    }
  }

  public func setDone(_ id: String, _ done: Bool, at now: Date) throws {
    try write { db in
      try db.execute(sql: "UPDATE message SET done_at = ? WHERE id = ?", arguments: [done ? now.timeIntervalSince1970 : nil, id])
    }
  }

  /// How many messages each view holds, for the sidebar.
  /// One pass over the messages for all views (the sidebar is re-counted after every triage key, so nine
  /// separate scans would sit on the key press).
  public func viewCounts(me: String?) throws -> [InboxView: Int] {
    var columns: [String] = []
    var args: StatementArguments = []
    for v in InboxView.allCases {
      let (whereSQL, a) = MessageQuery(view: v, me: me).whereClause
      let condition = whereSQL.isEmpty ? "1" : String(whereSQL.dropFirst("WHERE ".count))
      columns.append("COALESCE(SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END), 0)")
      args += a
    }
    return try read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM message m", arguments: args) else { return [:] }
      var out: [InboxView: Int] = [:]
      for (i, v) in InboxView.allCases.enumerated() { out[v] = row[i] }
      return out
    }
  }

  // MARK: Tasks

  /// Stores a Task from the server (routing of a message to its `owner`).
  public static func upsert(task t: FHIRTask, raw: JSONValue, in db: Database, at now: Date) throws {
    guard let id = t.id else { return }
    try db.execute(sql: """
      INSERT INTO task (id, message_id, patient_id, owner, requester, status, description, raw, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET message_id = excluded.message_id, patient_id = excluded.patient_id,
        owner = excluded.owner, requester = excluded.requester, status = excluded.status,
        description = excluded.description, raw = excluded.raw, updated_at = excluded.updated_at
      """, arguments: [id, t.focus?.id, t.for?.id, t.owner?.relative, t.requester?.relative, t.status ?? "requested",
                       t.description ?? "", String(decoding: try raw.jsonData(), as: UTF8.self), now.timeIntervalSince1970])
  }

  /// The open Task routing a message, if any: its id (local `outbox-<n>` until delivered) and owner.
  public func openTask(forMessage id: String) throws -> (id: String, owner: String)? {
    try read { db in
      try Row.fetchOne(db, sql: "SELECT id, owner FROM task WHERE message_id = ? AND status = 'requested' ORDER BY updated_at DESC LIMIT 1",
                       arguments: [id]).map { ($0["id"], $0["owner"] ?? "") }
    }
  }

  /// The most recent Task of a message with a status (to reopen one that done completed).
  public func lastTask(forMessage id: String, status: String) throws -> String? {
    try read { db in
      try String.fetchOne(db, sql: "SELECT id FROM task WHERE message_id = ? AND status = ? ORDER BY updated_at DESC LIMIT 1",
                          arguments: [id, status])
    }
  }

  /// Which focus messages of cached tasks are not cached themselves.
  public func tasksWithoutMessage() throws -> [String] {
    try read { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT t.message_id FROM task t LEFT JOIN message m ON m.id = t.message_id WHERE t.message_id IS NOT NULL AND m.id IS NULL")
    }
  }

  /// Routes a message to a colleague: a Task is queued in the outbox and shown at once.
  @discardableResult
  public func queueRoute(messageID: String, patientID: String, to owner: String, from requester: String, note: String,
                         at now: Date) throws -> OutboxEntry {
    let task = FHIRTask(status: "requested", description: note, for: Reference(reference: "Patient/\(patientID)", type: "Patient"),
                        focus: Reference(reference: "Communication/\(messageID)", type: "Communication"),
                        owner: Reference(reference: owner, type: "Practitioner"),
                        requester: Reference(reference: requester, type: "Practitioner"), authoredOn: Instant.format(now))
    return try write { db in
      let entry = try Self.insertOutbox(db, kind: "task", patientID: patientID, sender: requester, recipient: owner, text: note,
                                        payload: task, at: now)
      var local = task
      local.id = entry.localMessageID
      try Self.upsert(task: local, raw: try FHIRJSON.decoder.decode(JSONValue.self, from: FHIRJSON.encoder.encode(local)), in: db, at: now)
      try db.execute(sql: "INSERT INTO recent_pick (practitioner_id, picked_at) VALUES (?, ?) ON CONFLICT(practitioner_id) DO UPDATE SET picked_at = excluded.picked_at",
                     arguments: [String(owner.dropFirst("Practitioner/".count)), now.timeIntervalSince1970])
      return entry
    }
  }

  /// Sets a routing Task's status (completed on done, cancelled on an undone route, requested on an undone done),
  /// locally at once and on the server through the outbox.
  @discardableResult
  public func queueTaskStatus(taskID: String, status: String, at now: Date) throws -> OutboxEntry? {
    try write { db in
      guard let raw = try String.fetchOne(db, sql: "SELECT raw FROM task WHERE id = ?", arguments: [taskID]),
            var task = try? FHIRJSON.decoder.decode(FHIRTask.self, from: Data(raw.utf8)) else { return nil }
      task.status = status
      try db.execute(sql: "UPDATE task SET status = ?, raw = ?, updated_at = ? WHERE id = ?",
                     arguments: [status, String(decoding: try FHIRJSON.encoder.encode(task), as: UTF8.self), now.timeIntervalSince1970, taskID])
      return try Self.insertOutbox(db, kind: "task-status", patientID: task.for?.id ?? "", sender: task.requester?.relative ?? "",
                                   recipient: taskID, text: status, payload: task, at: now)
    }
  }

  static func insertOutbox<T: Encodable>(_ db: Database, kind: String, patientID: String, sender: String, recipient: String,
                                         text: String, payload: T, at now: Date) throws -> OutboxEntry {
    try db.execute(sql: """
      INSERT INTO outbox (kind, patient_id, sender, recipient, text, sent, identifier, state, created_at, updated_at, payload)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)
      """, arguments: [kind, patientID, sender, recipient, text, Instant.format(now), "urn:uuid:\(UUID().uuidString.lowercased())",
                       now.timeIntervalSince1970, now.timeIntervalSince1970, String(decoding: try FHIRJSON.encoder.encode(payload), as: UTF8.self)])
    return try outboxEntry(db, id: db.lastInsertedRowID)!
  }

  /// The server gave a queued Task its id: the local row takes it, and queued status changes follow it.
  public func taskDelivered(outboxID: Int64, localID: String, serverID: String, at now: Date) throws {
    try write { db in
      try db.execute(sql: "UPDATE outbox SET state = 'sent', server_id = ?, may_exist = 0, last_error = NULL, updated_at = ? WHERE id = ?",
                     arguments: [serverID, now.timeIntervalSince1970, outboxID])
      try db.execute(sql: "UPDATE task SET id = ? WHERE id = ?", arguments: [serverID, localID])
      try db.execute(sql: "UPDATE outbox SET recipient = ? WHERE kind = 'task-status' AND recipient = ? AND state IN ('queued', 'sending')",
                     arguments: [serverID, localID])
    }
  }

  /// Staff, most recently picked first, then by name.
  public func staffForPicker(includeNonSchedulable: Bool, limit: Int = 2000) throws -> [StaffMember] {
    try read { db in
      try Row.fetchAll(db, sql: """
        SELECT p.* FROM practitioner p LEFT JOIN recent_pick r ON r.practitioner_id = p.id
        WHERE p.active = 1 \(includeNonSchedulable ? "" : "AND COALESCE(p.schedulable, 1) = 1")
        ORDER BY r.picked_at IS NULL, r.picked_at DESC, p.name LIMIT ?
        """, arguments: [limit]).map(Self.staffMember)
    }
  }

  /// Records what a Practitioner search says about schedulability (a search without the flag returns only
  /// schedulable staff).
  public static func setSchedulable(_ ids: [String], _ schedulable: Bool, in db: Database) throws {
    for id in ids {
      try db.execute(sql: "UPDATE practitioner SET schedulable = ? WHERE id = ? AND (schedulable IS NULL OR ? = 1)",
                     arguments: [schedulable, id, schedulable])
    }
  }
}
