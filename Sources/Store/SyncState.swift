import Foundation
import GRDB
import FHIRMapping

extension Store {
  /// Small facts the sync keeps between runs (the time of the last complete sync, the server it came from).
  public func syncValue(_ key: String) throws -> String? {
    try read { db in try String.fetchOne(db, sql: "SELECT value FROM sync_state WHERE key = ?", arguments: [key]) }
  }

  static func setSyncValue(_ key: String, _ value: String, in db: Database) throws {
    try db.execute(sql: "INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                   + "SET value = excluded.value",
                   arguments: [key, value])
  }

  public func setSyncValue(_ key: String, _ value: String) throws {
    try write { db in try Self.setSyncValue(key, value, in: db) }
  }

  /// Moves a high-water mark forward (never back), in the caller's transaction.
  static func advanceSyncMark(_ key: String, to date: Date, in db: Database) throws {
    let previous = try String.fetchOne(db, sql: "SELECT value FROM sync_state WHERE key = ?", arguments: [key])
        .flatMap(ServerTime.date)
    if date > (previous ?? .distantPast) { try setSyncValue(key, ServerTime.text(date), in: db) }
  }

  /// When the last sync completed, if one ever did.
  public func lastSync() throws -> Date? {
    try syncValue("last_sync").flatMap(Double.init).map(Date.init(timeIntervalSince1970:))
  }
}

extension Store {
  /// Counts by table, for checks after a sync.
  public func counts() throws -> (messages: Int, patients: Int, practitioners: Int) {
    try read { db in
      (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") ?? 0,
       try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM patient") ?? 0,
       try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM practitioner") ?? 0)
    }
  }
}
