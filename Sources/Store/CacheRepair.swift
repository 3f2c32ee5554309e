import Foundation
import GRDB
import Clinic
import FHIRMapping

/// A damaged cache is repaired, not discarded: what only this cache holds — the lock's passphrase, the audit key,
/// who acts, the outbox, drafts and writes in flight — is read out row by row (a damaged page loses its rows, not
/// the rest), the damaged file is kept beside it (`<cache>.damaged`, 0600, only the latest), a fresh cache is made
/// and the salvage put back in it. The next sync fetches everything else again: the marks of walks already done
/// are not carried over. Every outbox entry comes back as "may exist", so the outbox looks for it on the server
/// before it sends it again.
public struct CacheRepair: Sendable {
  public struct Report: Sendable {
    public var settings = 0
    public var outbox = 0
    public var localMessages = 0
    /// What could not be read back, in words ("1 queued reply to Patient/… could not be read back").
    public var lost: [String] = []
    public var keptAt: String

    public var lines: [String] {
      let local = counted(localMessages, "draft or write in flight", "drafts and writes in flight")
      return ["kept the damaged file at \(keptAt)",
              "salvaged \(counted(outbox, "unsent write")), \(local) and \(counted(settings, "setting"))"]
        + lost + ["made a fresh cache: the next sync fetches the messages again"]
    }
  }

  /// The sync marks a fresh cache must not keep: they say walks were done whose pages are gone.
  static func keeps(_ key: String) -> Bool {
    !(key.hasPrefix("edge ") || key.hasPrefix("full ") || key == "last_sync" || key == "red_flags"
      || key == "checkins sweep")
  }

  public static func damagedPath(_ path: String) -> String { path + ".damaged" }

  /// Left by an inbox that met a damaged page (it cannot repair the cache it has open): the next start repairs it.
  public static func markerPath(_ path: String) -> String { path + ".needs-repair" }

  /// Notes that the cache must be repaired at the next start.
  public static func markDamaged(_ path: String) {
    FileManager.default.createFile(atPath: markerPath(path), contents: nil, attributes: [.posixPermissions: 0o600])
  }

  /// Whether the cache passes SQLite's quick check, read without writing (a sound cache needs no repair).
  public static func isSound(_ path: String) -> Bool {
    var config = Configuration()
    config.readonly = true
    return (try? Store.openReading(path) { location in
      let queue = try DatabaseQueue(path: location, configuration: config)
      defer { try? queue.close() }
      return try queue.inDatabase { try String.fetchOne($0, sql: "PRAGMA quick_check") }
    }) == "ok"
  }

  /// Whether an error says the file is damaged (as opposed to busy, full or missing).
  public static func isDamage(_ error: Error) -> Bool {
    guard let e = error as? DatabaseError else { return false }
    return e.resultCode == .SQLITE_CORRUPT || e.resultCode == .SQLITE_NOTADB
  }

  /// Repairs the cache at `path` (no clinbox may have it open): what was done, and the fresh cache.
  public static func repair(at path: String, redFlags: RedFlags = .shipped) throws -> (report: Report, store: Store) {
    let salvage = try Salvage(reading: path)
    let kept = damagedPath(path)
    let fm = FileManager.default
    for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: kept + suffix) }
    try fm.moveItem(atPath: path, toPath: kept)
    for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: path + suffix) {
      try fm.moveItem(atPath: path + suffix, toPath: kept + suffix)
    }
    for suffix in ["", "-wal", "-shm"] { chmod(kept + suffix, 0o600) }
    let store = try Store(path: path, redFlags: redFlags)
    try store.write { db in try salvage.putBack(in: db) }
    var report = Report(keptAt: kept)
    report.settings = salvage.settings.count
    report.outbox = salvage.outbox.count
    report.localMessages = salvage.messages.count
    report.lost = salvage.lost
    return (report, store)
  }
}

/// What is read out of a damaged cache, row by row: each row its columns' values, its rowid under `__rowid`.
struct Salvage {
  typealias Values = [String: DatabaseValue]
  var settings: [Values] = []
  var outbox: [Values] = []
  var messages: [Values] = []
  var draftSeq: [Values] = []
  var lost: [String] = []

  init(reading path: String) throws {
    var config = Configuration()
    config.readonly = true
    let queue = try DatabaseQueue(path: path, configuration: config)
    defer { try? queue.close() }
    // Outside a transaction: a damaged page can fail the COMMIT of even a read.
    try queue.inDatabase { db in
      settings = Self.rows(db, "sync_state", lost: &lost)
        .filter { CacheRepair.keeps(String.fromDatabaseValue($0["key"] ?? .null) ?? "") }
      outbox = Self.rows(db, "outbox", lost: &lost).filter { $0["state"] != "sent".databaseValue }
      draftSeq = Self.rows(db, "draft_seq", lost: &lost)
      messages = Self.localMessages(db, lost: &lost)
      orphansBecomeDrafts(db)
    }
  }

  static func values(_ row: Row) -> Values {
    Dictionary(row.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
  }

  /// Every row of a small table, one rowid at a time: a damaged page loses its rows only.
  static func rows(_ db: Database, _ table: String, lost: inout [String]) -> [Values] {
    let noun = ["outbox": "unsent write", "sync_state": "setting"][table] ?? "row of \(table)"
    let top: Int64?
    do { top = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM \(table)") } catch {
      lost.append("the \(noun)s could not be read back at all (\(table) is damaged)")
      return []
    }
    var out: [Values] = []
    var unreadable = 0
    for rowid in 1...max(1, min(top ?? 0, 100_000)) where top != nil {
      do {
        if let row = try Row.fetchOne(db, sql: "SELECT rowid AS __rowid, * FROM \(table) WHERE rowid = ?",
                                      arguments: [rowid]) { out.append(values(row)) }
      } catch { unreadable += 1 }
    }
    if unreadable > 0 { lost.append("\(counted(unreadable, noun)) could not be read back") }
    return out
  }

  /// Drafts and writes in flight: the message rows only this cache has (a server's message comes back by sync).
  static func localMessages(_ db: Database, lost: inout [String]) -> [Values] {
    let local = "delivery IS NOT NULL AND delivery <> 'sent'"
    // The index of drafts and writes in flight names them even when the table's pages around them are damaged.
    let ids = (try? Int64.fetchAll(db, sql: "SELECT rowid FROM message INDEXED BY message_by_delivery WHERE \(local)"))
      ?? (try? Int64.fetchAll(db, sql: "SELECT rowid FROM message WHERE \(local)")) ?? []
    var out: [Values] = []
    for rowid in ids {
      if let row = try? Row.fetchOne(db, sql: "SELECT rowid AS __rowid, * FROM message WHERE rowid = ?",
                                     arguments: [rowid]) {
        out.append(values(row))
      } else {
        lost.append("a draft or a write in flight (row \(rowid)) could not be read back")
      }
    }
    return out
  }

  /// A queued reply whose outbox entry was lost would show as queued and never go: its words become a draft again,
  /// to send by hand, and the loss is named with the patient.
  mutating func orphansBecomeDrafts(_ db: Database) {
    let entries = Set(outbox.compactMap { $0["id"].flatMap { Int64.fromDatabaseValue($0) } })
    for i in messages.indices {
      guard let id = messages[i]["id"].flatMap({ String.fromDatabaseValue($0) }), id.hasPrefix("outbox-"),
            let n = Int64(id.dropFirst("outbox-".count)), !entries.contains(n) else { continue }
      messages[i]["id"] = "draft-\(id)".databaseValue
      messages[i]["delivery"] = "draft".databaseValue
      messages[i]["status"] = "preparation".databaseValue
      let patient = messages[i]["patient_id"].flatMap { PatientID.fromDatabaseValue($0) } ?? ""
      let name = (try? String.fetchOne(db, sql: "SELECT trim(given || ' ' || family) FROM patient WHERE id = ?",
                                       arguments: [patient])) ?? nil
      let shown = name ?? PersonName.patient(given: nil, family: nil, id: patient)
      lost.append("1 queued reply to \(shown) could not be read back from the outbox: "
                  + "it is a draft again, to send by hand")
    }
  }

  func putBack(in db: Database) throws {
    for row in settings {
      try db.execute(sql: "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)",
                     arguments: [row["key"], row["value"]])
    }
    try insert(draftSeq, into: "draft_seq", db)
    try insert(messages, into: "message", db)
    // Each write may have reached the server before the damage: the outbox looks for it before sending it again.
    try insert(outbox.map { var v = $0; v["may_exist"] = 1.databaseValue; return v }, into: "outbox", db)
    try db.execute(sql: "UPDATE outbox SET state = 'queued' WHERE state = 'sending'")
  }

  /// Rows put back as they were, their rowid too.
  func insert(_ rows: [Values], into table: String, _ db: Database) throws {
    // Not the columns SQLite makes itself (a reference's kind and id): those cannot be written.
    let columns = try String.fetchSet(db, sql: "SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0",
                                      arguments: [table])
    for row in rows {
      let pairs = row.filter { columns.contains($0.key) }.sorted { $0.key < $1.key }
      let names = pairs.map { "\"\($0.key)\"" }.joined(separator: ", ")
      let marks = Array(repeating: "?", count: pairs.count).joined(separator: ", ")
      try db.execute(sql: "INSERT OR REPLACE INTO \(table) (rowid, \(names)) VALUES (?, \(marks))",
                     arguments: StatementArguments([row["__rowid"] ?? .null] + pairs.map(\.value)))
    }
  }
}
