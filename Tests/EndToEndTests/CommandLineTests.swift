import Foundation
import Testing
import GRDB

/// The headless commands against a sandbox in its own process: real HTTP, real files, real exit statuses.
@Suite(.serialized) struct CommandLineTests {
  func tempDir() throws -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
  }

  @Test func syncThenListAsJSON() throws {
    let sandbox = try SandboxProcess()
    defer { sandbox.stop() }
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = dir.appendingPathComponent("c/cache.sqlite").path
    let sync = try clinbox(["sync", "--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)", "--cache", cache],
                           env: ["CLINBOX_CLIENT_ID": "demo", "CLINBOX_CLIENT_SECRET": "demo"])
    #expect(sync.status == 0, "\(sync.stderr)")
    #expect(sync.stderr.contains("synced "))
    let list = try clinbox(["list", "--json", "--cache", cache])
    #expect(list.status == 0)
    let lines = list.stdout.split(separator: "\n")
    #expect(lines.count > 50)
    let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
    for key in ["id", "patient", "sender", "recipient", "sent", "text", "unread"] { #expect(first?[key] != nil, "\(key)") }
    #expect((first?["patient"] as? [String: Any])?["name"] is String)
    let unread = try clinbox(["list", "--view", "unread", "--cache", cache])
    let unreadLines = unread.stdout.split(separator: "\n")
    #expect(unreadLines.count >= 5, "the seed leaves the clinician unread messages")
    #expect(unreadLines.allSatisfy { $0.hasPrefix("●") })
    // JSON lines are inert on a terminal: the hostile message's escape and bidi override are escaped.
    #expect(!list.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
    #expect(list.stdout.contains(#"\u202e"#), "the bidi override is written as an escape")
    // The global options work on every subcommand, and --search finds what / finds.
    let found = try clinbox(["list", "--server", sandbox.url + "/", "--as", "Practitioner/\(sandbox.practitioner)",
                             "--cache", cache, "--search", "metformin"])
    #expect(found.status == 0, "\(found.stderr)")
    let foundLines = found.stdout.split(separator: "\n")
    #expect(!foundLines.isEmpty && foundLines.allSatisfy { $0.contains("metformin") }, "\(found.stdout)")
    let templates = try clinbox(["templates", "--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)", "--cache", cache])
    #expect(templates.status == 0 && templates.stdout.contains("appointment-reminder"), "\(templates.stderr)")
    // The plain listing shows hostile text inert.
    let plain = try clinbox(["list", "--cache", cache])
    #expect(!plain.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
  }

  @Test func mistakesGetMessagesThatSayWhatToDo() throws {
    let sandbox = try SandboxProcess(messages: 20)
    defer { sandbox.stop() }
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let me = ["--as", "Practitioner/\(sandbox.practitioner)", "--cache", dir.appendingPathComponent("c.sqlite").path]
    let env = ["XDG_CONFIG_HOME": dir.path]
    func run(_ args: [String]) throws -> Run { try clinbox(args, env: env) }

    let noCredentials = try run(["sync", "--server", sandbox.url] + me)
    #expect(noCredentials.status == 1 && noCredentials.stderr.contains("no credentials were given: use --client-id"), "\(noCredentials.stderr)")
    let wrongPath = try run(["sync", "--server", sandbox.url + "/fhir", "--client-id", "demo", "--client-secret", "demo"] + me)
    #expect(wrongPath.stderr.contains("is the base path right?"), "\(wrongPath.stderr)")
    let interval = try run(["--server", sandbox.url, "--sync-interval", "-5"] + me)
    #expect(interval.status == 2 && interval.stderr.contains("at least 5 seconds"), "\(interval.stderr)")
    let nobody = try run(["practitioners", "--server", sandbox.url, "--client-id", "demo", "--client-secret", "demo", "--search", "tom"])
    #expect(nobody.status == 1 && nobody.stderr.contains("try --all"), "\(nobody.stderr)")
    let unknownPatient = try run(["list", "--patient", "nobody"] + me.dropFirst(2))
    #expect(unknownPatient.status == 1, "\(unknownPatient.stderr)")
    let toNobody = try run(["send", "--server", sandbox.url, "--client-id", "demo", "--client-secret", "demo",
                            "--patient", "0000000000000000000000000000dead", "--text", "Hello"] + me)
    #expect(toNobody.status == 1 && toNobody.stderr.contains("nothing was queued"), "\(toNobody.stderr)")
    let outbox = try run(["list", "--view", "outbox"] + me.dropFirst(2))
    #expect(outbox.status == 0 && outbox.stdout.isEmpty, "nothing waits in the outbox: \(outbox.stdout)\(outbox.stderr)")

    let config = dir.appendingPathComponent("clinbox/config.toml")
    try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
    let cases: [(String, String)] = [
      ("default = \"nope\"\n[profiles.a]\nserver = \"\(sandbox.url)\"\n", #"default = "nope" names no profile (profiles: a)"#),
      ("[profiles.a]\nsever = \"\(sandbox.url)\"\n", #"unknown key "profiles.a.sever""#),
      ("[profiles.a]\nserver = \"\(sandbox.url)\"\nsync_interval = \"60\"\n", "profiles.a.sync_interval should be a number"),
      ("mouse = \"no\"\n", "mouse should be true or false"),
    ]
    for (text, message) in cases {
      try text.write(to: config, atomically: true, encoding: .utf8)
      let doctor = try run(["doctor"])
      #expect(doctor.status == 1 && (doctor.stdout + doctor.stderr).contains(message), "\(text): \(doctor.stdout)\(doctor.stderr)")
    }
  }

  @Test func killedMidSyncThenRerunIsCompleteAndSound() throws {
    let sandbox = try SandboxProcess(messages: 20_000)
    defer { sandbox.stop() }
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = dir.appendingPathComponent("cache.sqlite").path
    let args = ["sync", "--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)", "--cache", cache,
                "--client-id", "demo", "--client-secret", "demo"]
    let sync = try Background(args)
    defer { sync.stop() }
    // Kill it once some pages are in, mid-write as likely as not.
    let deadline = Date().addingTimeInterval(60)
    var partial = 0
    while Date() < deadline {
      partial = (try? countMessages(cache)) ?? 0
      if partial > 300 { break }
      usleep(20_000)
    }
    sync.kill9()
    #expect(partial > 0, "the sync had stored pages before it was killed")
    #expect(try integrity(cache) == "ok")
    let rerun = try clinbox(args, timeout: 300)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(try integrity(cache) == "ok")
    let summary = rerun.stderr.range(of: #"synced (\d+) messages"#, options: .regularExpression).map { String(rerun.stderr[$0]) } ?? ""
    let synced = Int(summary.split(separator: " ")[1]) ?? -1
    #expect(try countMessages(cache) == synced, "every message the server has for me, once")
    #expect(synced > partial)
  }

  @Test func badInputGetsOneClearLineAndTheRightStatus() throws {
    let sandbox = try SandboxProcess(messages: 10)
    defer { sandbox.stop() }
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = dir.appendingPathComponent("cache.sqlite").path
    let creds = ["--client-id", "demo", "--client-secret", "demo"]

    let dead = try clinbox(["sync", "--server", "http://127.0.0.1:9", "--as", "Practitioner/abc", "--cache", cache] + creds)
    #expect(dead.status == 1)
    #expect(dead.stderr.contains("cannot reach http://127.0.0.1:9: connection refused"))

    let wrong = try clinbox(["sync", "--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)", "--cache", cache,
                             "--client-id", "demo", "--client-secret", "nope-s3cr3t-4417"])
    #expect(wrong.status == 1)
    #expect(wrong.stderr.contains("authentication failed"))
    #expect(!(wrong.stdout + wrong.stderr).contains("s3cr3t-4417"), "the secret is in no message")
    // doctor names the real cause: the credentials, not the server's path.
    let doctor = try clinbox(["doctor", "--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)",
                              "--cache", cache, "--client-id", "demo", "--client-secret", "nope-s3cr3t-4417"])
    #expect(doctor.status == 1 && doctor.stdout.contains("check the client id and secret"), "\(doctor.stdout)")
    #expect(!doctor.stdout.contains("no /fhir path"), "\(doctor.stdout)")
    let token = try clinbox(["sync", "--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)", "--cache", cache],
                            env: ["CLINBOX_TOKEN": "not-a-token-9931"])
    #expect(token.status == 1)
    #expect(!(token.stdout + token.stderr).contains("9931"), "nor is a token: \(token.stderr)")

    let nobody = try clinbox(["sync", "--server", sandbox.url, "--as", "Practitioner/ffffffffffffffffffffffffffffffff", "--cache", cache] + creds)
    #expect(nobody.status == 1)
    #expect(nobody.stderr.contains("unknown practitioner"))

    let readOnly = dir.appendingPathComponent("locked")
    try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o500])
    let unwritable = try readOnlyFolder(readOnly, ["sync", "--server", sandbox.url, "--as",
                                                   "Practitioner/\(sandbox.practitioner)",
                                                   "--cache", readOnly.appendingPathComponent("sub/cache.sqlite").path] + creds)
    #expect(unwritable.status == 1, "\(unwritable.stderr)")
    #expect(unwritable.stderr.contains("cannot create the cache"), "\(unwritable.stderr)")
    let fileAsDir = dir.appendingPathComponent("plainfile")
    try Data("x".utf8).write(to: fileAsDir)
    let underFile = try clinbox(["sync", "--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)",
                                 "--cache", fileAsDir.appendingPathComponent("cache.sqlite").path] + creds)
    #expect(underFile.status == 1)
    #expect(underFile.stderr.contains("cannot create the cache"))

    for run in [dead, wrong, nobody, underFile] {
      #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)")
    }

    let usage = try clinbox(["sync", "--server", "not a url", "--as", "Practitioner/x", "--cache", cache])
    #expect(usage.status == 2)
    let flag = try clinbox(["list", "--no-such-flag"])
    #expect(flag.status == 2)
    let view = try clinbox(["list", "--view", "everything", "--cache", cache])
    #expect(view.status == 2)
    let host = try clinbox(["sandbox", "--host", "0.0.0.0"])
    #expect(host.status == 2)
  }

  func countMessages(_ path: String) throws -> Int {
    let q = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
    return try q.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") ?? 0 }
  }

  func integrity(_ path: String) throws -> String {
    let q = try DatabaseQueue(path: path)
    return try q.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
  }

  /// `clinbox list` tells the time as the screen does: local time, and in Awaiting reply when the wait began.
  @Test func listSaysTheScreensDates() throws {
    let sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = dir.appendingPathComponent("cache.sqlite").path
    #expect(try clinbox(["sync", "--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)", "--cache", cache,
                         "--client-id", "demo", "--client-secret", "demo"]).status == 0)
    let tz = TimeZone(identifier: "Asia/Kolkata")!   // +05:30: an hour and a minute away from UTC
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = tz
    f.dateFormat = "yyyy-MM-dd HH:mm"
    let env = ["TZ": "Asia/Kolkata"]
    let waits = try DatabaseQueue(path: cache).read {
      try Row.fetchAll($0, sql: "SELECT w.since, m.id FROM thread_wait w JOIN message m ON m.rowid = w.mid WHERE w.since IS NOT NULL")
    }
    #expect(!waits.isEmpty, "the seed has threads awaiting a reply")
    let text = try clinbox(["list", "--view", "awaiting", "--cache", cache, "--as", "Practitioner/\(sandbox.practitioner)"],
                           env: env).stdout
    for w in waits {
      let shown = f.string(from: Date(timeIntervalSince1970: w["since"]))
      #expect(text.contains(shown), "the wait began at \(shown), local time, as the screen shows it: \(text)")
    }
  }
}
