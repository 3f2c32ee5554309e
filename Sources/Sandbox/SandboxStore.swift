import Foundation
import GRDB
import FHIR

/// The sandbox server's own database. Messages are kept as columns (a million of them seed in seconds) and
/// turned into Canvas-shaped JSON on the way out; other resources are kept as their JSON.
final class SandboxStore: Sendable {
  let pool: DatabasePool

  init(path: String) throws {
    var config = Configuration()
    config.busyMode = .timeout(10)
    pool = try DatabasePool(path: path, configuration: config)
    try pool.write { db in
      try db.execute(sql: """
        CREATE TABLE IF NOT EXISTS communication (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL,               -- unique; its index is built after seeding (see createIndexes)
          patient TEXT NOT NULL,          -- 32-hex key
          sender TEXT NOT NULL,           -- Patient/<key> or Practitioner/<key>
          recipient TEXT NOT NULL,
          sent REAL NOT NULL,
          received REAL,
          status TEXT NOT NULL,
          body TEXT NOT NULL,
          updated REAL NOT NULL DEFAULT 0, -- when it last changed (meta.lastUpdated in the r4 flavor)
          identifier TEXT                 -- system|value, kept by the r4 flavor's conditional create
        );
        CREATE TABLE IF NOT EXISTS practitioner (
          id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, email TEXT, npi TEXT,
          active INTEGER NOT NULL, schedulable INTEGER NOT NULL, json TEXT NOT NULL, seq INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS patient (
          id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, family TEXT NOT NULL, given TEXT NOT NULL,
          birthdate TEXT, json TEXT NOT NULL, seq INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS questionnaire (
          id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, json TEXT NOT NULL,
          seq INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS questionnaire_response (
          seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, patient TEXT NOT NULL,
          questionnaire TEXT NOT NULL, authored REAL NOT NULL, status TEXT NOT NULL, json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS task (
          seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, owner TEXT, patient TEXT,
          status TEXT NOT NULL, modified REAL NOT NULL, json TEXT NOT NULL);
        """)
    }
  }

  /// Indexes are built once the seed is in: a million random UUIDs inserted into a live unique index cost
  /// several times more than sorting them once afterwards.
  /// One value a query reads, or nil (none, or the query failed: the routes answer "not found" either way).
  func value<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments) -> T? {
    (try? pool.read { db in try T.fetchOne(db, sql: sql, arguments: arguments) }) ?? nil
  }

  func createIndexes() throws {
    try pool.write { db in
      try db.execute(sql: """
        CREATE UNIQUE INDEX IF NOT EXISTS communication_id ON communication(id);
        CREATE INDEX IF NOT EXISTS communication_patient ON communication(patient, seq);
        CREATE INDEX IF NOT EXISTS communication_sender ON communication(sender, seq);
        CREATE INDEX IF NOT EXISTS communication_recipient ON communication(recipient, seq);
        """)
    }
  }

  var isSeeded: Bool {
    (try? pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM practitioner") ?? 0 }) ?? 0 > 0
  }
}
