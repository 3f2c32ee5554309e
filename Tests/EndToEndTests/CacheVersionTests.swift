import Foundation
import GRDB
import Testing

/// Two clinbox versions on one jump host: a newer version's cache is refused untouched, naming its unsent writes;
/// an older one is upgraded with a copy kept until the upgrade is done.
@Suite struct CacheVersionTests {
  func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

  @Test func aNewerVersionsCacheIsRefusedByEveryCommandAndLeftUnchanged() throws {
    let sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let dir = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (cache, server) = try syncedCache(sandbox, in: dir)
    // A reply queued offline, then the cache migrated by a newer clinbox.
    let patient = try clinbox(["list", "--json"] + server).stdout.split(separator: "\n").first
      .flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
      .flatMap { ($0["patient"] as? [String: Any])?["id"] as? String }
    _ = try clinbox(["send", "--patient", try #require(patient), "--text", "see you Thursday", "--server",
                     "http://127.0.0.1:9"] + Array(server.dropFirst(2)))
    let queue = try DatabaseQueue(path: cache)
    try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: a newer clinbox')") }
    let unsent = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox") ?? 0 }
    try queue.close()
    #expect(unsent == 1, "the reply waits in the outbox")
    let before = bytes(cache)
    for args in [["list"] + server, ["sync"] + server, server] {
      let run = try clinbox(args, env: ["TERM": "xterm"])
      #expect(run.status != 0, "\(args.first!)")
      #expect(run.stderr.contains("this cache was written by a newer clinbox (migration \"v99: a newer clinbox\"): "
                                  + "use that version"), "\(args.first!): \(run.stderr)")
      #expect(run.stderr.contains("its outbox holds 1 unsent write"), "\(run.stderr)")
    }
    #expect(bytes(cache) == before, "nothing written")
  }

  @Test func anOlderCacheIsUpgradedAndItsCopyRemovedOnceDone() throws {
    let sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let dir = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (cache, server) = try syncedCache(sandbox, in: dir)
    let listed = try clinbox(["list"] + server).stdout
    // As an older clinbox left it: its newest migration not yet run.
    let queue = try DatabaseQueue(path: cache)
    try queue.write { db in
      try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v16:%'")
    }
    try queue.close()
    let run = try clinbox(["list"] + server)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == listed)
    #expect(!FileManager.default.fileExists(atPath: cache + ".before-upgrade"))
    let again = try DatabaseQueue(path: cache)
    let v16 = try again.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations WHERE identifier LIKE 'v16:%'")
    }
    try again.close()
    #expect(v16 == 1)
  }

  @Test func anUpgradeThatFailsKeepsTheCopyFromBeforeAndSaysWhere() throws {
    let sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let dir = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (cache, server) = try syncedCache(sandbox, in: dir)
    // A migration that cannot run again (its column is already there) stands for an upgrade that fails midway.
    let queue = try DatabaseQueue(path: cache)
    let messages = try queue.write { db in
      try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v15:%'")
      return try Int.fetchOne(db, sql: "SELECT count(*) FROM message") ?? 0
    }
    try queue.close()
    let run = try clinbox(["list"] + server)
    let copy = cache + ".before-upgrade"
    #expect(run.status != 0)
    #expect(run.stderr.contains("could not be upgraded") && run.stderr.contains(copy), "\(run.stderr)")
    let attributes = try FileManager.default.attributesOfItem(atPath: copy)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let kept = try DatabaseQueue(path: copy)
    #expect(try kept.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM message") } == messages)
    try kept.close()
    #expect(messages > 0)
  }
}
