import Foundation
import GRDB

/// Two clinbox versions on one machine (a jump host mid-upgrade): a cache is read for its migrations before
/// anything opens it for writing. A newer version's cache is refused untouched — its outbox may hold writes only
/// that version can send; an older one is upgraded with a copy kept until the upgrade is done and checked.
extension Store {
  /// What the cache's migrations say, read without writing.
  struct Version {
    var applied: Set<String>
    var unknown: [String]
    var unsent: Int?
  }

  static func readVersion(at path: String) throws -> Version? {
    guard let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size > 0 else {
      return nil
    }
    var config = Configuration()
    config.readonly = true
    return try openReading(path) { location in
      let queue = try DatabaseQueue(path: location, configuration: config)
      defer { try? queue.close() }
      return try read(queue)
    }
  }

  private static func read(_ queue: DatabaseQueue) throws -> Version? {
    try queue.read { db -> Version? in
      guard try db.tableExists("grdb_migrations") else { return nil }
      let applied = try Migrations.migrator.appliedIdentifiers(db)
      let known = Set(Migrations.migrator.migrations)
      let unknown = applied.subtracting(known).sorted()
      // Counted only for the refusal that names them: every open reads this file.
      let unsent = unknown.isEmpty ? nil : try? Int.fetchOne(db, sql: "SELECT count(*) FROM outbox")
      return Version(applied: applied, unknown: unknown, unsent: unsent)
    }
  }

  /// Where a cache stands against this build's migrations.
  enum Standing { case new, current, older }

  /// Refuses a newer version's cache; says whether this one is new, current or needs upgrading.
  static func checkVersion(at path: String) throws -> Standing {
    let version: Version?
    do { version = try readVersion(at: path) }
    catch let e as DatabaseError where e.resultCode == .SQLITE_NOTADB { throw OpenError.notADatabase(path) }
    guard let version else { return .new }
    if let newest = version.unknown.last { throw OpenError.newerVersion(path, newest, version.unsent ?? 0) }
    return Set(Migrations.migrator.migrations).isSubset(of: version.applied) ? .current : .older
  }

  /// The copy of a cache kept while it is upgraded: `<cache>.before-upgrade`, 0600.
  public static func upgradeCopyPath(_ path: String) -> String { path + ".before-upgrade" }

  /// Migrates the cache; an older one is first copied aside (SQLite's backup), the copy named when the upgrade
  /// fails and removed once the upgraded file passes SQLite's quick check.
  func migrate(_ standing: Standing) throws {
    // A current cache has nothing to run: the migrator's own look would take the writer at every start.
    if standing == .current { return }
    guard standing == .older else { return try Migrations.migrator.migrate(pool) }
    let copy = Self.upgradeCopyPath(path)
    try? FileManager.default.removeItem(atPath: copy)
    try Self.prepareFile(at: copy)
    let kept = try DatabaseQueue(path: copy)
    try pool.backup(to: kept)
    try kept.close()
    do {
      try Migrations.migrator.migrate(pool)
      let check = try pool.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") }
      guard check == "ok" else { throw OpenError.upgradeFailed(path, copy, check ?? "no answer") }
    } catch let failure as OpenError {
      throw failure
    } catch {
      throw OpenError.upgradeFailed(path, copy, "\(error)")
    }
    try? FileManager.default.removeItem(atPath: copy)
  }
}
