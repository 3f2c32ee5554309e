import Foundation
import GRDB
import FHIRMapping

/// Reading a view from `view_row` (see `ViewIndex`): counts from the days' counters, pages by key from the day that
/// holds them, positions from the days above plus the rows above within one day.
extension Store {
  /// A view in the index: its number and its owner's reference ('' for a view that is nobody's).
  typealias IndexedView = (view: Int, owner: String)

  /// Where a query's rows are in the index; nil for a query the index does not answer (a search, a patient's
  /// thread, a person's view with nobody acting), which is read from `message` as before.
  static func indexed(_ query: MessageQuery) -> IndexedView? {
    guard query.patientID == nil, SearchTerms.parse(query.search ?? "").isEmpty else { return nil }
    switch query.view {
    case .awaiting, .routedByMe: return nil
    case .covering:
      // One colleague's inbox is their Mine.
      guard query.covering.count == 1 else { return nil }
      return (ViewIndex.code(.mine), query.covering[0].reference)
    default: break
    }
    if ViewIndex.owned.contains(query.view) {
      guard let me = query.me else { return nil }
      return (ViewIndex.code(query.view), me.reference)
    }
    return (ViewIndex.code(query.view), "")
  }

  /// The message query reading `rows` (a subquery of `view_row` named `v`) instead of the whole table.
  static func selectMessages(from rows: String, text: String = "substr(m.text, 1, 1000)") -> String {
    selectMessage.replacingOccurrences(of: "%TEXT%", with: text)
      .replacingOccurrences(of: "FROM message m", with: "FROM " + rows)
  }

  /// The condition on `view` and `owner` that picks a view's rows (two arguments: the number and the reference).
  static let inView = "view = ? AND owner = (SELECT n FROM view_owner WHERE ref = ?)"

  /// The view's days, newest first, with how many rows each holds.
  static func days(_ view: IndexedView, in db: Database) throws -> [(day: Int64, n: Int)] {
    try Row.fetchAll(db.cachedStatement(sql: "SELECT day, n FROM view_bucket WHERE \(inView) ORDER BY day DESC"),
                     arguments: [view.view, view.owner]).map { ($0[0], $0[1]) }
  }

  static func indexedCount(_ view: IndexedView, in db: Database) throws -> Int {
    try Int.fetchOne(db.cachedStatement(sql: "SELECT ifnull(SUM(n), 0) FROM view_bucket WHERE \(inView)"),
                     arguments: [view.view, view.owner]) ?? 0
  }

  /// `limit` rows of a view from position `offset`, newest first.
  static func indexedPage(_ view: IndexedView, offset: Int, limit: Int, in db: Database) throws -> [Message] {
    // The day that holds the row at `offset`, and how many rows of newer days come before it.
    var before = 0
    var start: Int64?
    for d in try days(view, in: db) {
      if before + d.n > offset {
        start = d.day
        break
      }
      before += d.n
    }
    guard let start else { return [] }
    let rows = """
      (SELECT mid, sent FROM view_row WHERE \(inView) AND sent < ?
       ORDER BY sent DESC, mid DESC LIMIT ? OFFSET ?) v JOIN message m ON m.rowid = v.mid
      """
    let sql = selectMessages(from: rows) + " ORDER BY v.sent DESC, v.mid DESC"
    let end = Double(start + 1) * 86_400
    return try MessageRow.fetchAll(db.cachedStatement(sql: sql),
                                   arguments: [view.view, view.owner, end, limit, offset - before]).map(\.message)
  }

  /// Where a message stands in a view (its index, newest first); nil when it is not in it.
  static func indexedPosition(ofMessage id: MessageID, _ view: IndexedView, in db: Database) throws -> Int? {
    guard let row = try Row.fetchOne(db.cachedStatement(sql: """
      SELECT v.sent, v.mid FROM message m JOIN view_row v ON v.mid = m.rowid WHERE m.id = ? AND v.\(inView)
      """), arguments: [id, view.view, view.owner]) else { return nil }
    let sent: Double = row[0]
    let mid: Int64 = row[1]
    let day = ViewIndex.day(sent)
    let newerDays = try days(view, in: db).filter { $0.day > day }.reduce(0) { $0 + $1.n }
    let within = try Int.fetchOne(db.cachedStatement(sql: """
      SELECT COUNT(*) FROM view_row WHERE \(inView) AND sent >= ? AND sent < ? AND (sent, mid) > (?, ?)
      """), arguments: [view.view, view.owner, Double(day) * 86_400, Double(day + 1) * 86_400, sent, mid]) ?? 0
    return newerDays + within
  }
}

extension Store {
  /// A search's rows down to `need`, found by walking its view newest first and testing each row — a search for
  /// a common word has its first pages within a few thousand rows, where the trigram index would hand over every
  /// match to be sorted (a million for a word in every message). Nil when the walk ends before `need` hits and
  /// the view goes on: the search is then rare enough for the index.
  static func walkPage(_ query: MessageQuery, _ view: IndexedView, need: Int, in db: Database) throws -> [Message]? {
    let walk = max(2_000, need * 10)
    guard need <= 5_000 else { return nil }
    let (parts, searchArgs) = query.searchParts(perRow: true)
    let rows = """
      (SELECT mid, sent FROM view_row WHERE \(inView) ORDER BY sent DESC, mid DESC LIMIT ?) v
      JOIN message m ON m.rowid = v.mid
      """
    let sql = selectMessages(from: rows)
      + (parts.isEmpty ? "" : " WHERE " + parts.joined(separator: " AND "))
          + " ORDER BY v.sent DESC, v.mid DESC LIMIT ?"
    let args: StatementArguments = [view.view, view.owner, walk] + searchArgs + [need]
    let found = try MessageRow.fetchAll(db, sql: sql, arguments: args).map(\.message)
    if found.count >= need { return found }
    return try indexedCount(view, in: db) <= walk ? found : nil
  }
}

extension Store {
  /// Every message of a query, newest first, one at a time (`clinbox list`): one statement read as a cursor, so a
  /// search that matches a million is neither paged by offset nor held in memory. Each carries its whole text;
  /// `body` must not read the Store (the cursor holds the read).
  public func eachMessage(_ query: MessageQuery, _ body: (Message) throws -> Void) throws {
    let select = Self.selectMessage.replacingOccurrences(of: "%TEXT%", with: "m.text")
    let sql: String
    let args: StatementArguments
    if let list = OwnList(query) {
      sql = list.select(text: "m.text")
      args = list.args
    } else if let view = Self.indexed(query) {
      let rows = "(SELECT mid, sent FROM view_row WHERE \(Self.inView)) v JOIN message m ON m.rowid = v.mid"
      sql = Self.selectMessages(from: rows, text: "m.text") + " ORDER BY v.sent DESC, v.mid DESC"
      args = [view.view, view.owner]
    } else {
      let (whereSQL, whereArgs) = query.whereClause
      sql = select + " \(whereSQL) ORDER BY m.sent DESC, m.rowid DESC"
      args = whereArgs
    }
    try read { db in
      let rows = try Row.fetchCursor(db, sql: sql, arguments: args)
      while let row = try rows.next() { try body(Self.message(row)) }
    }
  }
}
