import Foundation
import GRDB
import FHIRMapping

extension Store {
  /// Stores a message from its resource. The local read time survives: the server's copy never clears it.
  /// A message the server sends again unchanged is not rewritten (nor re-indexed for search): a full walk of a
  /// scope re-reads thousands of those.
  static func upsert(_ m: SyncedMessage, in db: Database, at now: Date) throws {
    // A patient message assigned to nobody (Canvas: no care-team lead) has no recipient: it is Unassigned.
    let recipient = m.to?.reference ?? ""
    let sent = m.sent?.timeIntervalSince1970
    try db.cachedStatement(sql: """
      INSERT INTO message (id, patient_id, sender, recipient, sent, received, status, text, raw, synced_at,
                           recorded_by)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, clinbox_recorder(?11, ?8))
      ON CONFLICT(id) DO UPDATE SET patient_id = excluded.patient_id, sender = excluded.sender,
        recipient = excluded.recipient, sent = excluded.sent, received = excluded.received, status = excluded.status,
        text = excluded.text, raw = excluded.raw, synced_at = excluded.synced_at,
        recorded_by = COALESCE(message.recorded_by, excluded.recorded_by)
      WHERE message.raw IS NOT excluded.raw
      """).execute(arguments: [m.id, m.patientID, m.from.reference, recipient, sent, m.received, m.status, m.text,
                       m.raw, now.timeIntervalSince1970, m.from.isPatient])
    if case .staff = m.from { try showOnceWhileChecking(m, in: db) }
  }

  /// A message written here whose send may have landed (a timeout, a lost answer) comes back in a sync before
  /// the outbox has looked for it: shown once — the server's copy, marked "checking" — not twice. The outbox
  /// entry stays, so the pusher still finds the message, records it as sent and queues its delivery. Doing it
  /// again when the same copy comes back changes nothing; once the entry is sent it is no longer a candidate.
  static func showOnceWhileChecking(_ m: SyncedMessage, in db: Database) throws {
    guard let sent = m.sent?.timeIntervalSince1970, let recipient = m.to?.reference else { return }
    let sender = m.from.reference
    let candidates = try Row.fetchAll(db.cachedStatement(sql: """
      SELECT id, text, sent FROM outbox
      WHERE kind = 'message' AND state IN ('queued', 'sending') AND may_exist = 1 AND sender = ? AND recipient = ?
      """), arguments: [sender, recipient])
    let text = m.text
    for row in candidates where HTMLText.plain(row["text"]) == text {
      guard let at = ServerTime.date(row["sent"] as String), abs(at.timeIntervalSince1970 - sent) < 1 else { continue }
      try db.execute(sql: "DELETE FROM message WHERE id = ?", arguments: ["outbox-\(row["id"] as Int64)"])
      try db.execute(sql: "UPDATE message SET delivery = 'checking' WHERE id = ?", arguments: [m.id])
      return
    }
  }

  static let selectMessage = """
    SELECT m.id, m.patient_id, m.sender, m.recipient, m.sender_kind, m.sender_id, m.recipient_kind, m.recipient_id,
      m.sent, %TEXT% AS text,
      \(MessageQuery.unreadSQL) AS unread,
      p.given, p.family, sp.name AS sender_staff, rp.name AS recipient_staff, m.delivery, m.done_at, m.read_at,
      m.received, m.status, m.recorded_by,
      CASE WHEN m.sender_kind = 'patient' THEN clinbox_red_flag(m.text) END AS red_flag,
      COALESCE(hto.name, ht.owner) AS routed_to,
      ht.id AS ht_id, ht.owner_id AS ht_owner, ht.requester_id AS ht_requester, ht.status AS ht_status,
      ht.note AS ht_note,
      json_extract(ht.raw, '$.authoredOn') AS ht_authored,
      json_extract(ht.raw, '$.restriction.period.end') AS ht_due,
      hto.name AS ht_owner_name, htr.name AS ht_requester_name,
      d.state AS app_state, d.delivered_at AS app_delivered_at, d.last_error AS app_error
    FROM message m
    LEFT JOIN task ht ON ht.rowid = (SELECT t.rowid FROM task t WHERE t.message_id = m.id AND t.status = 'requested'
                                     ORDER BY t.updated_at DESC LIMIT 1)
    LEFT JOIN practitioner hto ON hto.id = ht.owner_id
    LEFT JOIN practitioner htr ON htr.id = ht.requester_id
    LEFT JOIN delivery d ON d.message_id = m.id
    LEFT JOIN patient p ON p.id = m.patient_id
    LEFT JOIN practitioner sp ON sp.id = m.sender_id AND m.sender_kind = 'staff'
    LEFT JOIN practitioner rp ON rp.id = m.recipient_id AND m.recipient_kind = 'staff'
    """

  /// One page of a view, newest first. Rows carry at most the first 1,000 characters of the text.
  ///
  /// SQLite walks past an OFFSET row by row, so a page in the older half of a large view is read from the
  /// other end of the index (pass the view's `total` to allow that): the last page of a million costs what
  /// the first does.
  public func messages(_ query: MessageQuery, offset: Int, limit: Int, total: Int? = nil) throws -> [Message] {
    let offset = max(0, offset)
    if let list = OwnList(query) { return try read { db in try list.page(offset: offset, limit: limit, in: db) } }
    if let view = Self.indexed(query) {
      return try read { db in try Self.indexedPage(view, offset: offset, limit: limit, in: db) }
    }
    return try scanPage(query, offset: offset, limit: limit, total: total)
  }

  /// A page read from `message` itself, for a query the view index does not answer (a search, a thread).
  func scanPage(_ query: MessageQuery, offset: Int, limit: Int, total: Int?) throws -> [Message] {
    if query.patientID == nil,
       let view = Self.indexed(MessageQuery(view: query.view, me: query.me, covering: query.covering)),
       let page = try read({ db in try Self.walkPage(query, view, need: offset + limit, in: db) }) {
      return Array(page.dropFirst(offset))
    }
    let (whereSQL, args) = query.whereClause
    let select = Self.selectMessage.replacingOccurrences(of: "%TEXT%", with: "substr(m.text, 1, 1000)")
    if let total, offset > total / 2 {
      let end = min(total, offset + limit)
      let sql = select + " \(whereSQL) ORDER BY m.sent ASC, m.rowid ASC LIMIT ? OFFSET ?"
      return try read { db in
        try MessageRow.fetchAll(db, sql: sql, arguments: args + [max(0, end - offset), total - end]).map(\.message)
            .reversed()
      }
    }
    let sql = select + " \(whereSQL) ORDER BY m.sent DESC, m.rowid DESC LIMIT ? OFFSET ?"
    return try read { db in
      try MessageRow.fetchAll(db, sql: sql, arguments: args + [limit, offset]).map(\.message)
    }
  }

  /// How many messages a view holds.
  public func count(_ query: MessageQuery) throws -> Int {
    if let list = OwnList(query) { return try read { db in try list.count(in: db) } }
    if let view = Self.indexed(query) {
      return try read { db in try Self.indexedCount(view, in: db) }
    }
    return try scanCount(query)
  }

  /// A count of `message` itself.
  func scanCount(_ query: MessageQuery) throws -> Int {
    if let counted = try read({ db in try Self.indexCount(query, in: db) }) { return counted }
    let (whereSQL, args) = query.whereClause
    return try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message m \(whereSQL)",
                                             arguments: args) ?? 0 }
  }

  /// The newest `limit` messages of a patient's thread, oldest first, with their whole text.
  public func thread(patientID: PatientID, limit: Int = 500) throws -> [Message] {
    let sql = Self.selectMessage.replacingOccurrences(of: "%TEXT%", with: "m.text")
      + " WHERE m.patient_id = ? ORDER BY m.sent DESC, m.rowid DESC LIMIT ?"
    return try read { db in
      try MessageRow.fetchAll(db, sql: sql, arguments: [patientID, limit]).map(\.message).reversed()
    }
  }

  /// The raw resource JSON of a message, as the server sent it.
  public func rawMessage(id: MessageID) throws -> String? {
    try read { db in try String.fetchOne(db, sql: "SELECT raw FROM message WHERE id = ?", arguments: [id]) }
  }

  static func message(_ r: Row) -> Message {
    let patientID: PatientID = r["patient_id"]
    let given: String? = r["given"], family: String? = r["family"]
    let shownPatient = PersonName.patient(given: given, family: family, id: patientID)
    let from = party(r, "sender"), recipient: String = r["recipient"]
    let to = recipient.isEmpty ? nil : party(r, "recipient")
    func name(_ party: Party?, staff: String?) -> String {
      switch party {
      case .patient?: return shownPatient
      case nil: return "nobody"
      case .staff(let id)?: return staff ?? unnamedStaff(id)
      case .other(let reference)?: return staff ?? "Staff \(reference.prefix(8))"
      }
    }
    let sent: Double? = r["sent"]
    return Message(id: r["id"], patientID: patientID, patientName: shownPatient, from: from,
                   senderName: name(from, staff: r["sender_staff"]), to: to,
                   recipientName: name(to, staff: r["recipient_staff"]),
                   sent: sent.map(Date.init(timeIntervalSince1970:)), text: r["text"], unread: r["unread"],
                   delivery: SendState(column: r["delivery"]), done: (r["done_at"] as Double?) != nil,
                   readAt: (r["read_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                   readOnServer: (r["received"] as String?) != nil, routedTo: r["routed_to"],
                   appDelivery: appDelivery(r), serverState: serverState(r), recordedBy: r["recorded_by"],
                   waitingSince: (r["waiting_since"] as Double?).map(Date.init(timeIntervalSince1970:)),
                   redFlag: RedFlag(stored: r["red_flag"]), routing: routing(r))
  }

  /// A message's party from its columns (`sender` or `recipient`, with their kind and id).
  static func party(_ r: Row, _ column: String) -> Party {
    Party(kind: r["\(column)_kind"], id: r["\(column)_id"], reference: r[column])
  }

  /// A staff member the cache has no record of, named by the start of their id.
  public static func unnamedStaff(_ id: StaffID) -> String { "Staff \(id.rawValue.prefix(8))" }

  /// What the server says of a message it has; rows written here and not yet delivered are the outbox's.
  static func serverState(_ r: Row) -> Message.ServerState {
    let delivery: String? = r["delivery"]
    guard delivery == nil || delivery == "sent" else { return .sent }
    return .init(status: r["status"])
  }

  /// What the thread says about the delivery to the patient's app (one delivery per message, ever).
  static func appDelivery(_ r: Row) -> AppDelivery? {
    guard let column: String = r["app_state"] else { return nil }
    let deliveredAt = (r["app_delivered_at"] as Double?).map(Date.init(timeIntervalSince1970:))
    return AppDelivery(state: DeliveryState(rawValue: column) ?? .queued, deliveredAt: deliveredAt,
                       lastError: r["app_error"])
  }
}

extension Store {
  /// The whole plain text of a message (list rows carry only a prefix).
  public func messageText(id: MessageID) throws -> String? {
    try read { db in try String.fetchOne(db, sql: "SELECT text FROM message WHERE id = ?", arguments: [id]) }
  }
}

extension Store {
  /// Where a message stands in a view (its index, newest first), so that the selection stays on it when new
  /// messages arrive above; nil when it is not in the view.
  public func position(ofMessage id: MessageID, in query: MessageQuery) throws -> Int? {
    if let list = OwnList(query) { return try read { db in try list.position(ofMessage: id, in: db) } }
    if let view = Self.indexed(query) {
      return try read { db in try Self.indexedPosition(ofMessage: id, view, in: db) }
    }
    return try scanPosition(ofMessage: id, in: query)
  }

  /// A position counted in `message` itself.
  func scanPosition(ofMessage id: MessageID, in query: MessageQuery) throws -> Int? {
    let (whereSQL, args) = query.whereClause
    return try read { db in
      let extra = whereSQL.isEmpty ? "WHERE" : whereSQL + " AND"
      guard let row = try Row.fetchOne(db, sql: "SELECT m.sent, m.rowid AS mid FROM message m \(extra) m.id = ?",
                                       arguments: args + [id]) else { return nil }
      let sent: Double? = row["sent"]
      return try Int.fetchOne(db, sql: """
        SELECT COUNT(*) FROM message m \(extra) (m.sent > ? OR (m.sent = ? AND m.rowid > ?) OR (? IS NULL AND 0))
        """, arguments: args + [sent, sent, row["mid"] as Int64, sent])
    }
  }

  /// Remembers that a patient's thread was opened: a Canvas sync then re-reads that whole thread.
  public func follow(patientID: PatientID, at now: Date) throws {
    try write { db in try Self.follow(patientID: patientID, at: now, in: db) }
  }

  static func follow(patientID: PatientID, at now: Date, in db: Database) throws {
    try db.execute(sql: """
      INSERT INTO followed_patient (patient_id, opened_at) VALUES (?, ?)
      ON CONFLICT(patient_id) DO UPDATE SET opened_at = excluded.opened_at
      """, arguments: [patientID, now.timeIntervalSince1970])
  }

  /// The patients whose threads were opened most recently.
  public func followedPatients(limit: Int = 20) throws -> [PatientID] {
    try read { db in
      try PatientID.fetchAll(db, sql: "SELECT patient_id FROM followed_patient ORDER BY opened_at DESC LIMIT ?",
                             arguments: [limit])
    }
  }
}
