import Foundation
import Testing

/// The config file, as a user writes it: profiles, secrets kept private, mistakes reported with their line.
@Suite(.serialized) struct ConfigTests {
  func configDir() throws -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: d.appendingPathComponent("clinbox"), withIntermediateDirectories: true)
    return d
  }

  func write(_ text: String, to dir: URL, mode: Int) throws {
    let path = dir.appendingPathComponent("clinbox/config.toml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
  }

  @Test func aProfileDrivesSyncAndDoctor() throws {
    let sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let dir = try configDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let env = ["XDG_CONFIG_HOME": dir.path, "CANVAS_SECRET": "demo"]
    let profile = clinicProfile(sandbox, cacheIn: dir, "sync_interval = 30\n")
    try write(profile, to: dir, mode: 0o644)   // no secret in the file: readable is fine
    let sync = try clinbox(["sync"], env: env)
    #expect(sync.status == 0, "\(sync.stderr)")
    let doctor = try clinbox(["doctor"], env: env)
    #expect(doctor.status == 0, "\(doctor.stdout)")
    #expect(doctor.stdout.contains("✔ acting practitioner: Priya Raman MD"))
    #expect(doctor.stdout.contains("✔ cache:") && doctor.stdout.contains("messages"))
    #expect(!doctor.stdout.contains("✘"))

    let dead = try clinbox(["doctor", "--server", "http://127.0.0.1:9"], env: env)
    #expect(dead.status == 1)
    #expect(dead.stdout.contains("✘") && dead.stdout.contains("fix:"))

    // Reading the local cache needs no secret: the profile's secret is gone, `list` still reads, `sync` says why.
    let noSecret = ["XDG_CONFIG_HOME": dir.path]
    let list = try clinbox(["list", "--view", "all"], env: noSecret)
    #expect(list.status == 0 && list.stdout.split(separator: "\n").count > 5, "\(list.stderr)")
    let refused = try clinbox(["sync"], env: noSecret)
    #expect(refused.status != 0 && refused.stderr.contains("client secret"), "\(refused.stderr)")
  }

  /// `lock_after = 0` turns the idle lock off, as the README says: the inbox then asks for no passphrase.
  @Test func lockAfterZeroOpensWithoutAPassphrase() throws {
    let dir = try configDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = dir.appendingPathComponent("c.sqlite").path
    try write("lock_after = 0\n", to: dir, mode: 0o600)
    let t = try Tmux(command: "env XDG_CONFIG_HOME=\(dir.path) \(clinboxBinary) --cache \(cache) --server http://127.0.0.1:9")
    defer { t.stop() }
    let screen = t.waitFor(15) { $0.contains("clinbox · ") || $0.contains("passphrase") }
    #expect(screen.contains("clinbox · ") && !screen.contains("passphrase"), "\(screen)")
  }

  @Test func aReadableSecretIsRefused() throws {
    let dir = try configDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    try write("[profiles.a]\nserver = \"http://127.0.0.1:9\"\nclient_id = \"x\"\nclient_secret = \"s3cret\"\n", to: dir, mode: 0o644)
    let run = try clinbox(["sync", "--as", "Practitioner/x"], env: ["XDG_CONFIG_HOME": dir.path])
    #expect(run.status == 1)
    #expect(run.stderr.contains("holds a client secret and others can read it: run chmod 600"))
    #expect(!run.stderr.contains("s3cret"), "the secret itself is never printed")
  }

  @Test func aBrokenFileIsReportedWithItsLine() throws {
    let dir = try configDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    try write("[profiles.a]\nserver = \"http://x\"\nsync_interval = [oops\n", to: dir, mode: 0o600)
    let run = try clinbox(["sync"], env: ["XDG_CONFIG_HOME": dir.path])
    #expect(run.status == 1)
    #expect(run.stderr.contains("config.toml:3:"), "\(run.stderr)")
    let unknown = try clinbox(["sync", "--profile", "nope"], env: ["XDG_CONFIG_HOME": dir.path])
    #expect(unknown.status == 1)
  }
}
