import Foundation
import GRDB
import FHIRMapping

/// The views read from tables of their own rather than the view index: Awaiting reply (`thread_wait`, one row a
/// waiting thread, its newest unanswered message, the longest wait first) and Routed by me (`task`, one row a
/// routing the acting clinician requested, newest first). Both are short: a row a patient, a row a routing.
struct OwnList {
  /// The rows, as a FROM naming the message `m`, and the condition that picks them.
  var from: String
  var condition: String
  var args: StatementArguments
  /// What each row adds to the message's columns (replacing the select's start, `SELECT m.id,`).
  var columns: String
  /// The order of the list: its key (two SQL expressions, the second unique) and whether it runs from the
  /// smallest key.
  var key: (String, String)
  var ascending: Bool
  var order: String { " ORDER BY \(key.0) \(ascending ? "ASC" : "DESC"), \(key.1) \(ascending ? "ASC" : "DESC")" }

  /// The query's list, or nil for a view the index or `message` answers.
  init?(_ query: MessageQuery) {
    var parts: [String]
    var args: StatementArguments = []
    switch query.view {
    case .awaiting:
      // The acting clinician's threads: the waiting message is to them, or routed to them.
      parts = ["w.since IS NOT NULL"]
      if let me = query.me {
        let routedToMe = MessageQuery.openTaskSQL(owner: true)
        parts.append("(m.recipient = ? OR \(routedToMe))")
        args += [me.reference, me.reference]
      }
      from = "thread_wait w JOIN message m ON m.rowid = w.mid"
      columns = "SELECT w.since AS waiting_since, m.id,"
      key = ("w.since", "w.mid")
      ascending = true
    case .routedByMe:
      parts = ["t.requester IS NOT NULL"]
      if let me = query.me {
        parts.append("t.requester = ?")
        args += [me.reference]
      }
      from = "task t JOIN message m ON m.id = t.message_id"
      columns = """
        SELECT t.id AS task_id, t.owner_id AS task_owner, t.status AS task_status, t.requester_id AS task_requester,
          t.note AS task_note, json_extract(t.raw, '$.authoredOn') AS task_authored,
          json_extract(t.raw, '$.restriction.period.end') AS task_due,
          (SELECT name FROM practitioner WHERE id = t.owner_id) AS task_owner_name,
          (SELECT name FROM practitioner WHERE id = t.requester_id) AS task_requester_name, m.id,
        """
      key = ("ifnull(json_extract(t.raw, '$.authoredOn'), '')", "t.rowid")
      ascending = false
    default:
      return nil
    }
    // Narrowed to a patient and a search, tested row by row (the lists are short).
    if let p = query.patientID {
      parts.append("m.patient_id = ?")
      args += [p]
    }
    let terms = query.searchParts(perRow: true)
    condition = (parts + terms.parts).joined(separator: " AND ")
    self.args = args + terms.args
  }

  /// The whole list in order (`text`: how much of each message's text).
  func select(text: String) -> String {
    Store.selectMessages(from: from, text: text).replacingOccurrences(of: "SELECT m.id,", with: columns)
      + " WHERE \(condition)" + order
  }

  func page(offset: Int, limit: Int, in db: Database) throws -> [Message] {
    try MessageRow.fetchAll(db, sql: select(text: "substr(m.text, 1, 1000)") + " LIMIT ? OFFSET ?",
                            arguments: args + [limit, offset]).map(\.message)
  }

  func count(in db: Database) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT count(*) FROM \(from) WHERE \(condition)", arguments: args) ?? 0
  }

  /// Where a message stands: how many rows come before its own, by key (its first row, for a message routed
  /// twice).
  func position(ofMessage id: MessageID, in db: Database) throws -> Int? {
    guard let row = try Row.fetchOne(db, sql: "SELECT \(key.0), \(key.1) FROM \(from) WHERE \(condition) AND m.id = ?"
                                       + order + " LIMIT 1", arguments: args + [id]) else { return nil }
    let before = ascending ? "<" : ">"
    return try Int.fetchOne(db, sql: """
      SELECT count(*) FROM \(from) WHERE \(condition) AND (\(key.0), \(key.1)) \(before) (?, ?)
      """, arguments: args + [row[0], row[1]])
  }
}

extension Store {
  /// When the longest wait of the acting practitioner's waiting threads began (nil: nobody is waiting).
  public func longestWait(me: StaffID?) throws -> Date? {
    guard let list = OwnList(MessageQuery(view: .awaiting, me: me)) else { return nil }
    return try read { db in
      try Double.fetchOne(db, sql: "SELECT min(w.since) FROM \(list.from) WHERE \(list.condition)",
                          arguments: list.args).map(Date.init(timeIntervalSince1970:))
    }
  }

  /// The routing a row stands for: in Routed by me, the row's own Task (`task_…`); elsewhere the message's open
  /// routing (`ht_…`), with who asked, what they asked and by when. Nil for a message nobody routed.
  static func routing(_ r: Row) -> Message.Routing? {
    let p = (r["task_id"] as String?) != nil ? "task_" : "ht_"
    guard let task: TaskID = r[p + "id"] else { return nil }
    let owner: StaffID = r[p + "owner"] ?? "", requester: StaffID? = r[p + "requester"]
    return Message.Routing(taskID: task, owner: owner, ownerName: r[p + "owner_name"] ?? unnamedStaff(owner),
                           status: r[p + "status"] ?? "requested",
                           authored: (r[p + "authored"] as String?).flatMap(ServerTime.date),
                           due: (r[p + "due"] as String?).flatMap(ServerTime.date), requester: requester,
                           requesterName: r[p + "requester_name"] ?? requester.map(unnamedStaff) ?? "",
                           note: r[p + "note"])
  }
}
