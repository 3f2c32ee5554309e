import Foundation
import Testing

/// `clinbox wipe`: everything the profile kept on this machine goes, after a confirmation — never a message still
/// on its way to the server without `--force`.
@Suite(.serialized) struct WipeTests {
  @Test func aQueuedMessageStopsTheWipeThenForceLeavesNoFileBehind() throws {
    let sandbox = try SandboxProcess(messages: 30)
    defer { sandbox.stop() }
    let umaskBefore = umask(0o022)
    defer { umask(umaskBefore) }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = dir.appendingPathComponent("profile/cache.sqlite").path
    let creds = ["--client-id", "demo", "--client-secret", "demo", "--as", "Practitioner/\(sandbox.practitioner)"]
    #expect(try clinbox(["sync", "--server", sandbox.url, "--cache", cache] + creds).status == 0)
    let list = try clinbox(["list", "--json", "--cache", cache])
    let first = list.stdout.split(separator: "\n").first.map(String.init) ?? ""
    let object = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any]
    let patient = try #require((object?["patient"] as? [String: Any])?["id"] as? String)
    // Sent while the server is down: it waits in the outbox (and the send is in the audit trail).
    let dead = try clinbox(["send", "--patient", patient, "--text", "See you Thursday", "--server", "http://127.0.0.1:9",
                            "--cache", cache] + creds)
    #expect(dead.status == 1, "\(dead.stderr)")

    // Made under the commonest umask, every file is still its owner's alone.
    for (path, mode) in [(cache, 0o600), (dir.appendingPathComponent("profile/audit.log").path, 0o600),
                         (dir.appendingPathComponent("profile").path, 0o700)] {
      #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == mode, "\(path)")
    }

    let refused = try clinbox(["wipe", "--yes", "--cache", cache])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("1 write(s) in the outbox have not reached the server"), "\(refused.stderr)")
    #expect(FileManager.default.fileExists(atPath: cache), "nothing removed")

    // No answer (stdin is not a terminal here): nothing is removed.
    let unanswered = try clinbox(["wipe", "--force", "--cache", cache])
    #expect(unanswered.status == 1 && unanswered.stderr.contains("nothing removed"), "\(unanswered.stderr)")
    #expect(FileManager.default.fileExists(atPath: cache))

    let wiped = try clinbox(["wipe", "--force", "--yes", "--cache", cache])
    #expect(wiped.status == 0, "\(wiped.stderr)")
    let left = FileManager.default.subpaths(atPath: dir.path) ?? []
    #expect(left.isEmpty, "no file of the profile is left: \(left)")
    #expect(try clinbox(["wipe", "--yes", "--cache", cache]).stdout.contains("nothing to wipe"))
  }

  /// A wipe while an inbox has the cache open is refused, naming it, with nothing removed; once it is closed the
  /// wipe leaves nothing — the closing inbox re-creates no audit trail. An inbox ended by a closed terminal (kill -9,
  /// its -wal left behind) does not stop the next wipe.
  @Test func anOpenInboxStopsTheWipeAndAClosedTerminalDoesNot() throws {
    let sandbox = try SandboxProcess(messages: 30)
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = dir.appendingPathComponent("profile/cache.sqlite").path
    let server = ["--server", sandbox.url, "--client-id", "demo", "--client-secret", "demo",
                  "--as", "Practitioner/\(sandbox.practitioner)", "--cache", cache]
    #expect(try clinbox(["sync"] + server).status == 0)
    try choosePassphrase(cache: cache)
    let t = try Tmux(command: "\(clinboxBinary) \(server.joined(separator: " "))")
    defer { t.stop() }
    t.waitFor { synced($0) }
    t.send("Enter")   // a thread opened: a line in the audit trail
    t.waitFor(10) { $0.contains("born ") }
    let inbox = try #require(t.panePID())

    let refused = try clinbox(["wipe", "--yes", "--force", "--cache", cache])
    #expect(refused.status == 1, "\(refused.stdout)")
    #expect(refused.stderr.contains("clinbox (pid \(inbox)) has the cache at \(cache) open"), "\(refused.stderr)")
    #expect(FileManager.default.fileExists(atPath: cache) && FileManager.default.fileExists(atPath: dir
      .appendingPathComponent("profile/audit.log").path), "nothing removed")

    // The terminal goes away under the inbox: kill -9, its -wal left behind.
    kill(inbox, SIGKILL)
    #expect(processEnds(inbox, within: 5))
    t.stop()
    let wiped = try clinbox(["wipe", "--yes", "--force", "--cache", cache])
    #expect(wiped.status == 0, "\(wiped.stderr)")
    Thread.sleep(forTimeInterval: 0.5)
    let left = FileManager.default.subpaths(atPath: dir.path) ?? []
    #expect(left.isEmpty, "nothing left and nothing re-created: \(left)")
  }
}
