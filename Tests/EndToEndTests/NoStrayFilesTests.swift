import Foundation
import Testing

/// Patient data stays in the cache: a sync, a send and an inbox session leave nothing else under a fresh HOME —
/// no URL cache, no cookie folder, no stray folders — but the audit trail beside it, its owner's alone.
@Suite(.serialized) struct NoStrayFilesTests {
  @Test func onlyTheCacheIsLeftBehind() throws {
    let sandbox = try SandboxProcess(messages: 30)
    defer { sandbox.stop() }
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-home-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    let env = ["HOME": home.path, "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "", "XDG_CACHE_HOME": ""]
    let server = ["--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)", "--client-id", "demo", "--client-secret", "demo"]
    let sync = try clinbox(["sync"] + server, env: env)
    #expect(sync.status == 0, "\(sync.stderr)")
    let list = try clinbox(["list", "--json"], env: env)
    let first = list.stdout.split(separator: "\n").first.map(String.init) ?? ""
    let patient = try #require(((try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])?["patient"] as? [String: Any])?["id"] as? String)
    let send = try clinbox(["send", "--patient", patient, "--text", "Your results are normal."] + server, env: env)
    #expect(send.status == 0, "\(send.stderr)")

    try choosePassphrase(cache: home.appendingPathComponent(".local/share/clinbox/cache.sqlite").path, env: env)
    let t = try Tmux(command: "env HOME=\(home.path) \(clinboxBinary) \(server.joined(separator: " "))")
    defer { t.stop() }
    t.waitFor { synced($0) }
    t.send("Enter")
    t.waitFor(10) { $0.contains("born ") }
    let pid = try #require(t.panePID(), "the inbox runs in the pane")
    t.send("q"); t.send("q")
    #expect(processEnds(pid, within: 5))

    let made = (FileManager.default.subpaths(atPath: home.path) ?? []).filter { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }.sorted()
    #expect(made == [".local", ".local/share", ".local/share/clinbox", ".local/share/clinbox/audit.log",
                     ".local/share/clinbox/cache.sqlite", ".local/share/clinbox/cache.sqlite.lock"],
            "only the cache, its audit trail and its lock under a fresh HOME: \(made)")
    let lock = home.appendingPathComponent(".local/share/clinbox/cache.sqlite.lock").path
    #expect(try FileManager.default.attributesOfItem(atPath: lock)[.size] as? Int == 0, "the lock holds nothing")
    let audit = home.appendingPathComponent(".local/share/clinbox/audit.log").path
    #expect(try FileManager.default.attributesOfItem(atPath: audit)[.posixPermissions] as? Int == 0o600)
  }
}
