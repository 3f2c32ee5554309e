import GRDB

extension Store {
  /// Moves texts waiting in `search_pending` into the trigram index, `batch` at a time in one transaction each;
  /// returns how many went in. Until then they are found by testing each one, so this only makes searches faster.
  @discardableResult
  public func indexPendingSearch(batch: Int = 20_000) throws -> Int {
    var total = 0
    while true {
      let moved = try write { db -> Int in
        let ids = try Int64.fetchAll(db, sql: "SELECT rowid FROM search_pending ORDER BY rowid LIMIT ?",
                                     arguments: [batch])
        guard let last = ids.last else { return 0 }
        try db.execute(sql: """
          INSERT INTO message_ft (rowid, text)
          SELECT m.rowid, clinbox_fold(m.text) FROM message m WHERE m.rowid IN (SELECT rowid FROM search_pending
            WHERE rowid <= ?)
          """, arguments: [last])
        try db.execute(sql: "DELETE FROM search_pending WHERE rowid <= ?", arguments: [last])
        return ids.count
      }
      total += moved
      if moved < batch { return total }
    }
  }

  /// How many texts wait to be indexed.
  public func searchPendingCount() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM search_pending") ?? 0 }
  }
}
