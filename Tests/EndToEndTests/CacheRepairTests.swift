import Foundation
import GRDB
import Testing

/// A cache with damaged pages is repaired, not discarded: the queued reply is delivered once, the drafts are
/// there, and what could not be read back is named.
@Suite struct CacheRepairTests {
  struct Fixture {
    let sandbox: SandboxProcess
    let dir: URL
    let cache: String
    let server: [String]
    let patient: String
  }

  /// A synced cache with a reply queued offline and two drafts, as a clinician leaves it.
  func fixture() throws -> Fixture {
    let sandbox = try SandboxProcess(messages: 300)
    let dir = try scratchFolder(config: "lock_after = 0\n")   // for the inbox that opens it
    do { return try fixture(sandbox, dir) } catch {
      sandbox.stop()   // a fixture that fails half-way leaves no server running
      try? FileManager.default.removeItem(at: dir)
      throw error
    }
  }

  func fixture(_ sandbox: SandboxProcess, _ dir: URL) throws -> Fixture {
    let (cache, server) = try syncedCache(sandbox, in: dir)
    let patient = try #require(try clinbox(["list", "--json"] + server).stdout.split(separator: "\n").first
      .flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
      .flatMap { ($0["patient"] as? [String: Any])?["id"] as? String })
    let offline = Array(server.dropFirst(2)) + ["--server", "http://127.0.0.1:9"]
    _ = try clinbox(["send", "--patient", patient, "--text", "Repair test: see you on Thursday"] + offline)
    // Two drafts, as the compose pane saves them (Store.saveDraft). The cache's triggers call clinbox's functions:
    // a draft is never urgent, recorded or searched before it is indexed, so these stand in for them.
    var config = Configuration()
    config.prepareDatabase { db in
      db.add(function: DatabaseFunction("clinbox_red_flag", argumentCount: 1, pure: true) { _ in nil })
      db.add(function: DatabaseFunction("clinbox_recorder", argumentCount: 2, pure: true) { _ in nil })
      db.add(function: DatabaseFunction("clinbox_fold", argumentCount: 1, pure: true) { String.fromDatabaseValue($0[0])?.lowercased() })
    }
    let queue = try DatabaseQueue(path: cache, configuration: config)
    try queue.write { db in
      for (n, text) in ["Draft one about the labs", "Draft two about the visit"].enumerated() {
        try db.execute(sql: "INSERT INTO draft_seq (made_at) VALUES (?)", arguments: [Date().timeIntervalSince1970])
        try db.execute(sql: """
          INSERT INTO message (id, patient_id, sender, recipient, sent, status, text, raw, synced_at, delivery, read_at,
                               draft_cursor)
          VALUES (?, ?, ?, ?, ?, 'preparation', ?, '{}', ?, 'draft', ?, 0)
          """, arguments: ["draft-9\(n)", patient, "Practitioner/\(sandbox.practitioner)", "Patient/\(patient)",
                           Date().timeIntervalSince1970, text, Date().timeIntervalSince1970, Date().timeIntervalSince1970])
      }
    }
    try queue.close()
    return Fixture(sandbox: sandbox, dir: dir, cache: cache, server: server, patient: patient)
  }

  /// Overwrites the first `count` pages of `table` (in its tree's order, so the oldest rows) with noise.
  func damage(_ table: String, pages count: Int, of cache: String) throws -> Int {
    let queue = try DatabaseQueue(path: cache)
    let (size, pages) = try queue.read { db in
      (try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096,
       try Int.fetchAll(db, sql: "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path",
                        arguments: [table]))
    }
    try queue.close()
    let file = try #require(FileHandle(forWritingAtPath: cache))
    for page in pages.prefix(count) {
      try file.seek(toOffset: UInt64((page - 1) * size))
      file.write(Data(repeating: 0x55, count: size))
    }
    try file.close()
    return pages.count
  }

  /// The reply's copies on the server (the sandbox's own database).
  func onServer(_ f: Fixture, _ text: String) throws -> Int {
    let db = try DatabaseQueue(path: f.sandbox.dbDir.appendingPathComponent("sandbox.sqlite").path)
    defer { try? db.close() }
    return try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM communication WHERE body = ?", arguments: [text]) } ?? 0
  }

  @Test func damagedMessagePagesLoseNoQueuedReplyAndNoDraft() throws {
    let f = try fixture()
    defer { f.sandbox.stop(); try? FileManager.default.removeItem(at: f.dir) }
    let leaves = try damage("message", pages: 3, of: f.cache)
    #expect(leaves > 6, "the damage is in the older pages, not all")
    // The next command finds the damage and repairs the cache; the one after reads a sound one.
    let first = try clinbox(["list"] + f.server)
    #expect(first.stderr.contains("is damaged") && first.stderr.contains("repairing it"), "\(first.stderr)")
    #expect(first.stderr.contains("salvaged 1 unsent write, 3 drafts and writes in flight"), "\(first.stderr)")
    #expect(first.stderr.contains("kept the damaged file at \(f.cache).damaged"))
    let drafts = try clinbox(["list", "--view", "drafts"] + f.server)
    #expect(drafts.status == 0, "\(drafts.stderr)")
    #expect(drafts.stdout.contains("Draft one about the labs") && drafts.stdout.contains("Draft two about the visit"))
    // The queued reply goes once: looked for first (it may have reached the server), then sent.
    for _ in 0..<2 { #expect(try clinbox(["sync"] + f.server).status == 0) }
    #expect(try onServer(f, "Repair test: see you on Thursday") == 1)
    let doctor = try clinbox(["doctor", "--deep"] + f.server)
    #expect(doctor.stdout.contains("cache: \(f.cache),"), "\(doctor.stdout)\(doctor.stderr)")
    let audit = try clinbox(["audit", "--verify"] + f.server)
    #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
  }

  @Test func anInboxThatMeetsADamagedPageSaysSoAndTheNextStartRepairs() throws {
    let f = try fixture()
    defer { f.sandbox.stop(); try? FileManager.default.removeItem(at: f.dir) }
    _ = try damage("message", pages: 3, of: f.cache)
    let t = try Tmux(command: "env XDG_CONFIG_HOME=\(f.dir.path) \(clinboxBinary) --cache \(f.cache) --as "
                     + "Practitioner/\(f.sandbox.practitioner)")
    defer { t.stop() }
    t.waitFor(20) { $0.contains("clinbox · ") }
    t.send("G")   // the oldest messages: the damaged pages
    let screen = t.waitFor(15) { $0.contains("is damaged") }
    #expect(screen.contains("is damaged — quit: the next start repairs"), "\(screen)")
    t.send("q")
    _ = t.waitFor(5) { !$0.contains("clinbox · ") }
    t.stop()
    let next = try clinbox(["list", "--view", "drafts"] + f.server)
    #expect(next.stderr.contains("was found damaged; repairing it"), "\(next.stderr)")
    #expect(next.status == 0 && next.stdout.contains("Draft one about the labs"), "\(next.stdout)\(next.stderr)")
    #expect(!FileManager.default.fileExists(atPath: f.cache + ".needs-repair"))
  }

  @Test func aDamagedOutboxIsNamedAndItsReplyIsADraftAgain() throws {
    let f = try fixture()
    defer { f.sandbox.stop(); try? FileManager.default.removeItem(at: f.dir) }
    let sound = try clinbox(["repair"] + f.server)
    #expect(sound.stdout.contains("passes SQLite's quick check: nothing to repair"), "\(sound.stdout)\(sound.stderr)")
    #expect(!FileManager.default.fileExists(atPath: f.cache + ".damaged"), "a sound cache is not moved aside")
    _ = try damage("outbox", pages: 1, of: f.cache)
    let repair = try clinbox(["repair"] + f.server)
    #expect(repair.status == 0, "\(repair.stderr)")
    #expect(repair.stdout.contains("the unsent writes could not be read back at all"), "\(repair.stdout)")
    #expect(repair.stdout.contains("1 queued reply to ") && repair.stdout.contains("it is a draft again"),
            "\(repair.stdout)")
    let drafts = try clinbox(["list", "--view", "drafts"] + f.server)
    #expect(drafts.stdout.contains("Repair test: see you on Thursday"), "the words are kept: \(drafts.stdout)")
    #expect(try clinbox(["sync"] + f.server).status == 0)
    #expect(try onServer(f, "Repair test: see you on Thursday") == 0, "nothing below the outbox sends it")
  }
}

/// A full disk said in plain words, with the free space and where: never SQLite's error 13 and its SQL.
@Suite struct FullDiskTests {
  @Test(.enabled(if: getuid() == 0, "mounts a small tmpfs in a private mount namespace (root, as CI runs)"))
  func aSyncOnAFullDiskSaysSoInPlainWords() throws {
    let sandbox = try SandboxProcess(messages: 2000)
    defer { sandbox.stop() }
    let dir = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = dir.appendingPathComponent("c.sqlite").path
    let args = ["sync", "--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)", "--client-id", "demo",
                "--client-secret", "demo", "--cache", cache]
    // The folder is a 2 MB disk for this clinbox only: the first pages fit, the rest do not.
    let run = try inPrivateMounts("mount -t tmpfs -o size=2m tmpfs \"$1\"", dir, args, timeout: 120)
    let (status, stderr) = (run.status, run.stderr)
    #expect(status == 1, "\(stderr)")
    #expect(stderr.contains("sync failed: disk full: ") && stderr.contains(" free on \(dir.path) — free some space"),
            "\(stderr)")
    #expect(!stderr.contains("SQLite error") && !stderr.contains("COMMIT"), "\(stderr)")
  }
}

/// A cache that cannot be written still reads: every cached thread, with the reason said.
@Suite struct ReadOnlyCacheTests {
  @Test(.enabled(if: getuid() == 0, "a read-only bind mount in a private mount namespace (root ignores modes)"))
  func aCacheOnAReadOnlyDiskListsItsMessagesAndSaysWhySyncCannotWrite() throws {
    let sandbox = try SandboxProcess(messages: 60)
    defer { sandbox.stop() }
    let dir = try scratchFolder(config: "lock_after = 0\n")
    defer { try? FileManager.default.removeItem(at: dir) }
    let (cache, server) = try syncedCache(sandbox, in: dir)
    let listed = try clinbox(["list"] + server).stdout
    func readOnly(_ args: [String]) throws -> Run { try inPrivateMounts(readOnlyMount, dir, args) }
    let list = try readOnly(["list"] + server)
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout == listed, "every cached message reads")
    let sync = try readOnly(["sync"] + server)
    #expect(sync.status == 1)
    #expect(sync.stderr.contains("cannot be written (read-only)"), "\(sync.stderr)")
    #expect(!sync.stderr.contains("SQLite error"), "\(sync.stderr)")
    // The inbox opens on it, reads, and says why it only reads.
    let mountThen = "mount --bind \(dir.path) \(dir.path) && mount -o remount,bind,ro \(dir.path) && exec"
    let t = try Tmux(command: "unshare -m sh -c '\(mountThen) env XDG_CONFIG_HOME=\(dir.path) \(clinboxBinary) --cache "
                     + "\(cache) --as Practitioner/\(sandbox.practitioner)'")
    defer { t.stop() }
    let screen = t.waitFor(20) { $0.contains("→ ") && $0.contains("cannot be written (read-only)") }
    #expect(screen.contains("the cache at \(cache) cannot be written (read-only)"), "\(screen)")
    #expect(screen.contains("→ Priya Raman MD"), "\(screen)")
    // A reply typed there is not lost: Ctrl-S cannot queue it, so it stays in the compose pane, and says why.
    t.send("r")
    t.waitFor(10) { $0.contains("Ctrl-S send") }
    t.type("Please call the clinic tomorrow morning")
    t.send("C-s")
    let kept = t.waitFor(10) { $0.contains("not sent:") }
    #expect(kept.contains("not sent: the cache at"), "\(kept)")
    #expect(kept.contains("Please call the clinic tomorrow morning"), "the words are still there: \(kept)")
  }
}
