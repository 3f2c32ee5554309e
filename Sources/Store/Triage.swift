import Foundation
import GRDB
import FHIRMapping

/// Read state, done, and routing: the clinician's triage, kept in the cache. Read state and done are local
/// (Canvas cannot update a Communication); routing is a FHIR Task, delivered through the outbox.
extension Store {
  /// Marks messages read here, now (opening a thread reads what it shows).
  public func markRead(_ ids: [MessageID], at now: Date) throws {
    guard !ids.isEmpty else { return }
    try write { db in try Self.markRead(ids, at: now, in: db) }
  }

  static func markRead(_ ids: [MessageID], at now: Date, in db: Database) throws {
    for id in ids {
      try db.execute(sql: "UPDATE message SET read_at = COALESCE(read_at, ?), marked_unread = 0 WHERE id = ?",
                     arguments: [now.timeIntervalSince1970, id])
    }
  }

  /// A thread opened: its patient followed (a Canvas sync then re-reads the whole thread) and the messages it
  /// shows read — one write, so that opening a thread during a sync waits for the sync's writer once.
  public func openedThread(patientID: PatientID, read ids: [MessageID], at now: Date) throws {
    try write { db in
      try Self.follow(patientID: patientID, at: now, in: db)
      try Self.markRead(ids, at: now, in: db)
    }
  }

  /// `u`: unread becomes read (now); read becomes unread again, even if the server says it was read.
  public func setUnread(_ id: MessageID, _ unread: Bool, at now: Date) throws {
    try write { db in
      if unread {
        try db.execute(sql: "UPDATE message SET marked_unread = 1, read_at = NULL WHERE id = ?", arguments: [id])
      } else {
        try db.execute(sql: "UPDATE message SET marked_unread = 0, read_at = ? WHERE id = ?",
                       arguments: [now.timeIntervalSince1970, id])
      }
    }
  }

  /// Done (or not done again). Done on a routed message also completes its Task, and undoing it opens the Task
  /// again, through the outbox. Returns whether something now waits for the server.
  @discardableResult
  public func setDone(_ id: MessageID, _ done: Bool, at now: Date) throws -> Bool {
    try write { db in
      try db.execute(sql: "UPDATE message SET done_at = ? WHERE id = ?",
                     arguments: [done ? now.timeIntervalSince1970 : nil, id])
    }
    if done, let task = try openTask(forMessage: id) {
      return try queueTaskStatus(taskID: task, status: "completed", at: now) != nil
    }
    if !done, let task = try lastTask(forMessage: id, status: "completed") {
      return try queueTaskStatus(taskID: task, status: "requested", at: now) != nil
    }
    return false
  }

  /// How many messages each view holds, for the sidebar: from the index's counters when someone is acting (a sum
  /// over a few thousand rows for the views); without, one pass over the messages for all views. Awaiting reply
  /// and Routed by me count their own tables; a covered colleague's count is `coveredCounts`.
  public func viewCounts(me: StaffID?) throws -> [InboxView: Int] {
    let own: [InboxView] = [.awaiting, .routedByMe]
    let listed = InboxView.allCases.filter { !own.contains($0) && $0 != .covering }
    var out: [InboxView: Int] = try read { db in
      var out: [InboxView: Int] = [:]
      for v in own { out[v] = try OwnList(MessageQuery(view: v, me: me))?.count(in: db) }
      return out
    }
    if let me {
      return try read { db in
        for v in listed {
          out[v] = try Self.indexedCount((ViewIndex.code(v), ViewIndex.owned.contains(v) ? me.reference : ""), in: db)
        }
        return out
      }
    }
    var columns: [String] = []
    var args: StatementArguments = []
    for v in listed {
      let (whereSQL, a) = MessageQuery(view: v, me: me).whereClause
      let condition = whereSQL.isEmpty ? "1" : String(whereSQL.dropFirst("WHERE ".count))
      columns.append("COALESCE(SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END), 0)")
      args += a
    }
    return try read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM message m",
                                       arguments: args) else { return out }
      for (i, v) in listed.enumerated() { out[v] = row[i] }
      return out
    }
  }

  /// How many open messages each covered colleague's inbox holds (their Mine), from the index's counters.
  public func coveredCounts(_ colleagues: [StaffID]) throws -> [StaffID: Int] {
    try read { db in
      var out: [StaffID: Int] = [:]
      for c in colleagues { out[c] = try Self.indexedCount((ViewIndex.code(.mine), c.reference), in: db) }
      return out
    }
  }

  /// Canvas Bot, the automation user (reference §5: the key in Canvas's examples, perhaps the same on every
  /// instance — so it is also known by its name). Nobody routes to it or acts as it.
  public static let canvasBotID: StaffID = "5eede137ecfe4124b8b773040e33be14"

  /// Staff, most recently picked first, then by name; never Canvas Bot.
  public func staffForPicker(includeNonSchedulable: Bool, limit: Int = 2000) throws -> [StaffMember] {
    try read { db in
      try StaffRow.fetchAll(db, sql: """
        SELECT p.* FROM practitioner p LEFT JOIN recent_pick r ON r.practitioner_id = p.id
        WHERE p.active = 1 \(includeNonSchedulable ? "" : "AND COALESCE(p.schedulable, 1) = 1")
          AND p.id IS NOT ? AND lower(p.name) IS NOT 'canvas bot'
        ORDER BY r.picked_at IS NULL, r.picked_at DESC, p.name LIMIT ?
        """, arguments: [Self.canvasBotID, limit]).map(\.member)
    }
  }

  /// Records what a Practitioner search says about schedulability (a search without the flag returns only
  /// schedulable staff).
  static func setSchedulable(_ ids: [StaffID], _ schedulable: Bool, in db: Database) throws {
    for id in ids {
      try db.execute(sql: "UPDATE practitioner SET schedulable = ? WHERE id = ? AND (schedulable IS NULL OR ? = 1)",
                     arguments: [schedulable, id, schedulable])
    }
  }
}
