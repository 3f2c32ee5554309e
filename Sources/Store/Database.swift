import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The local cache: one SQLite file (WAL), readable by its owner only, in a directory only its owner can enter.
///
/// The UI reads pages from here and nothing else; sync writes one transaction per server page, so a `kill -9`
/// at any moment leaves the last complete page and an intact database.
/// `@unchecked Sendable`: the connections and the reason it only reads change together under `openedLock`;
/// `retired` only under `reopening`; GRDB's pools are themselves safe from any thread.
public final class Store: @unchecked Sendable {
  public let path: String
  /// The connections, and why they only read (a full disk, a read-only file or folder), or nil: every cached
  /// thread still reads; writes fail with those words. Both change together once the cache can be written again
  /// (`writableAgain`), while other threads read: under a lock.
  private var opened: (pool: DatabasePool, readOnly: Error?)
  private let openedLock = NSLock()
  var pool: DatabasePool { openedLock.withLock { opened.pool } }
  public var readOnly: String? {
    openedLock.withLock { opened.readOnly }.map {
      CacheTrouble.words(for: $0, cache: path) ?? "the cache at \(path) cannot be written (read-only) — reading only"
    }
  }
  /// The trouble alone ("disk full: 0 bytes free on /home"), for a status line that says more beside it.
  public var readOnlyCause: String? {
    openedLock.withLock { opened.readOnly }.map {
      // Not SQLite's: the file itself would not open for writing (a read-only file, folder or disk).
      CacheTrouble.cause(for: $0, cache: path) ?? "the cache at \(path) cannot be written (read-only)"
    }
  }

  public enum OpenError: Error, CustomStringConvertible {
    case cannotCreate(String, String)
    case notADatabase(String)
    /// The cache's path, the newest migration this build does not know, and the outbox's unsent writes.
    case newerVersion(String, String, Int)
    /// The cache, the copy kept from before the upgrade, and why the upgrade failed.
    case upgradeFailed(String, String, String)
    public var description: String {
      switch self {
      case .cannotCreate(let p, let why): return "cannot create the cache at \(p): \(why)"
      case .notADatabase(let p): return "\(p) is not a clinbox cache (not an SQLite database)"
      case .newerVersion(let p, let migration, let unsent):
        return "this cache was written by a newer clinbox (migration \"\(migration)\"): use that version. "
          + "Nothing was changed in \(p)" + (unsent > 0 ? "; its outbox holds \(counted(unsent, "unsent write")), "
          + "which only that version can send." : ".")
      case .upgradeFailed(let p, let copy, let why):
        return "the cache at \(p) could not be upgraded (\(why)); the copy from before the upgrade is at \(copy)"
      }
    }
  }

  /// `clinbox_fold(text)`: text as it is searched (`SearchFold`), for the search index's triggers and for
  /// searches. Every connection of the cache has it; a cache written by another program would lack it.
  static let fold = DatabaseFunction("clinbox_fold", argumentCount: 1, pure: true) { values in
    String.fromDatabaseValue(values[0]).map(SearchFold.fold)
  }

  /// `clinbox_red_flag(text)`: the red flag found in a text (`RedFlag.stored`: what, the words, why), or NULL (the
  /// Urgent view's triggers and the mark on each row). Every connection of a Store uses the lexicon it was opened
  /// with.
  static func redFlag(_ lexicon: RedFlags, _ prefixes: RecordPrefixes) -> DatabaseFunction {
    DatabaseFunction("clinbox_red_flag", argumentCount: 1, pure: true) { values in
      String.fromDatabaseValue(values[0]).flatMap { lexicon.match(prefixes.spoken(in: $0)) }?.stored
    }
  }

  /// `clinbox_recorder(fromPatient, text)`: who took a patient's message by phone, read from the words that open it
  /// (`RecordPrefix`); NULL for anything else. Messages synced from another clinbox are marked by it.
  static func recorder(_ prefixes: RecordPrefixes) -> DatabaseFunction {
    DatabaseFunction("clinbox_recorder", argumentCount: 2, pure: true) { values in
      guard Bool.fromDatabaseValue(values[0]) == true,
            let text = String.fromDatabaseValue(values[1]) else { return nil }
      return prefixes.recorder(in: text)
    }
  }

  /// The functions the cache's triggers and statements call, on a connection.
  static func addFunctions(_ db: Database, redFlags: RedFlags = .shipped,
                           recordPrefixes: RecordPrefixes = RecordPrefixes()) {
    db.add(function: fold)
    db.add(function: redFlag(redFlags, recordPrefixes))
    db.add(function: recorder(recordPrefixes))
  }

  /// The red-flag phrases this Store marks messages by, and the words that open a message taken by phone.
  public let redFlags: RedFlags
  let recordPrefixes: RecordPrefixes

  public init(path: String, redFlags: RedFlags = .shipped, recordPrefixes: RecordPrefixes = RecordPrefixes()) throws {
    self.path = path
    self.redFlags = redFlags
    self.recordPrefixes = recordPrefixes
    var config = Configuration()
    config.label = "clinbox-cache"
    // Sync writes and UI reads overlap; wait for the writer instead of failing at once.
    config.busyMode = .timeout(10)
    // WAL with synchronous=NORMAL cannot corrupt the file on a crash or kill -9; at worst a power cut loses the
    // last pages, which the next sync fetches again. FULL costs an fsync a page (about 8× slower sync writes).
    config.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      Self.addFunctions(db, redFlags: redFlags, recordPrefixes: recordPrefixes)
    }
    do {
      try Self.prepareFile(at: path)
      let standing = try Self.checkVersion(at: path)
      opened = (try DatabasePool(path: path, configuration: config), nil)
      try migrate(standing)
      try markUrgent()
    } catch where Self.readsStill(after: error, at: path) {
      // The cache cannot be written but holds what was cached: it opens for reading, and says why.
      var reading = config
      reading.readonly = true
      opened = (try Self.openReading(path) { location in
                  let pool = try DatabasePool(path: location, configuration: reading)
                  _ = try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
                  return pool
                }, error)
    } catch let e as DatabaseError where e.resultCode == .SQLITE_NOTADB {
      throw OpenError.notADatabase(path)
    } catch let e as DatabaseError {
      throw OpenError.cannotCreate(path, CacheTrouble.words(for: e, cache: path) ?? e.message ?? "\(e.resultCode)")
    }
  }

  /// A cache that only read (`readOnly`) opened again for writing, once the disk has room or the file can be
  /// written: true when it now writes (and always for a cache that did). Reads go on meanwhile; those already on
  /// the old connections finish there.
  public func writableAgain() -> Bool {
    reopening.lock()
    defer { reopening.unlock() }
    guard readOnly != nil else { return true }
    // Asked every few seconds from the UI's effects: a lock still held must not keep it waiting the full timeout.
    guard Self.takesAWriteLock(path) else { return false }
    guard let writing = try? Store(path: path, redFlags: redFlags, recordPrefixes: recordPrefixes),
          writing.readOnly == nil else { return false }
    let now = writing.pool
    openedLock.withLock { retired.append(opened.pool); opened = (now, nil) }
    return true
  }

  /// Whether a write transaction can begin on the cache now (or within a quarter second).
  static func takesAWriteLock(_ path: String) -> Bool {
    var config = Configuration()
    config.busyMode = .timeout(0.25)
    guard let probe = try? DatabaseQueue(path: path, configuration: config) else { return false }
    defer { try? probe.close() }
    do {
      try probe.inDatabase { db in
        try db.execute(sql: "BEGIN IMMEDIATE")
        try db.execute(sql: "ROLLBACK")
      }
      return true
    } catch { return false }
  }

  /// One reopening at a time (the inbox's retry and the background sync both ask).
  private let reopening = NSLock()
  /// Connections given up for writable ones, kept open while reads begun on them may still run.
  private var retired: [DatabasePool] = []

  /// Makes the directory (0700) and the file (0600) before SQLite does, so that patient data is never readable
  /// by others even for a moment; SQLite gives the -wal and -shm files the database file's mode.
  static func prepareFile(at path: String) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent().path
    let fm = FileManager.default
    var isDir: ObjCBool = false
    if !fm.fileExists(atPath: dir, isDirectory: &isDir) {
      do { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                  attributes: [.posixPermissions: 0o700]) }
      catch { throw OpenError.cannotCreate(path, "the folder \(dir) cannot be made") }
    } else if !isDir.boolValue {
      throw OpenError.cannotCreate(path, "\(dir) is not a folder")
    }
    if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
      throw OpenError.cannotCreate(path, "it is a folder")
    }
    let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw OpenError.cannotCreate(path, String(cString: strerror(errno)))
    }
    fchmod(fd, 0o600)
    close(fd)
  }

  /// Runs `body` in one write transaction.
  func write<T>(_ body: (Database) throws -> T) throws -> T {
    try pool.write(body)
  }

  /// Runs `body` on a read connection.
  func read<T>(_ body: (Database) throws -> T) throws -> T {
    try pool.read(body)
  }

  /// SQLite's `quick_check` (`integrity_check` when `deep`: every index against its table too): "ok" when sound.
  public func integrityCheck(deep: Bool = false) throws -> String {
    let pragma = deep ? "integrity_check" : "quick_check"
    return try pool.read { db in try String.fetchOne(db, sql: "PRAGMA \(pragma)") ?? "no answer" }
  }
}
