import Foundation
import Testing

/// The inbox with the companion on its bad days, in the real binary against a sandbox process: a key the plugin
/// refuses is said on the status line and the inbox polls as without it; sockets dropped every two seconds, a cursor
/// refused and a slow feed still bring each patient's message with no key pressed.
@Suite(.serialized) struct CompanionNewsTests {
  /// The inbox against `sandbox` with the companion configured and `key` given; its folder, to remove.
  func inbox(_ sandbox: SandboxProcess, key: String) throws -> (Tmux, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("clinbox"),
                                            withIntermediateDirectories: true)
    let profile = clinicProfile(sandbox, cacheIn: dir, "companion = { api_key_env = \"COMPANION_KEY\" }\n")
    try profile.write(to: dir.appendingPathComponent("clinbox/config.toml"), atomically: true, encoding: .utf8)
    try choosePassphrase(cache: dir.appendingPathComponent("cache.sqlite").path)
    let t = try Tmux(command: "env XDG_CONFIG_HOME=\(dir.path) CANVAS_SECRET=demo COMPANION_KEY=\(key) "
                       + "\(clinboxBinary)")
    return (t, dir)
  }

  /// The count in the title: `All (163)`.
  static func allCount(_ screen: String) -> Int? {
    guard let r = screen.range(of: #"All \((\d+)\)"#, options: .regularExpression) else { return nil }
    return Int(screen[r].dropFirst(5).dropLast())
  }

  @Test func aRefusedKeyIsSaidAndTheInboxSyncsAsWithoutIt() throws {
    let sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let (t, dir) = try inbox(sandbox, key: "guess")
    defer { t.stop(); try? FileManager.default.removeItem(at: dir) }
    let screen = t.waitFor {
      synced($0) && $0.contains("polling: the companion refused") && (Self.allCount($0) ?? 0) > 0
    }
    #expect(screen.contains("polling: the companion refused"), "said on the status line: \(screen)")
    #expect((Self.allCount(screen) ?? 0) > 0, "and the inbox synced all the same: \(screen)")
    t.send("q")
  }

  @Test func droppedSocketsARefusedCursorAndASlowFeedStillBringEachMessage() throws {
    let sandbox = try SandboxProcess(messages: 40, options: ["--drop-sockets-every", "2", "--refuse-cursors", "1",
                                                             "--slow-feed", "0.2", "--patient-writes-every", "1"])
    defer { sandbox.stop() }
    let (t, dir) = try inbox(sandbox, key: "demo")
    defer { t.stop(); try? FileManager.default.removeItem(at: dir) }
    let first = t.waitFor { synced($0) && Self.allCount($0) != nil }
    let before = try #require(Self.allCount(first))
    let later = t.waitFor(12) { (Self.allCount($0) ?? 0) >= before + 6 }
    #expect((Self.allCount(later) ?? 0) >= before + 6, "a message a second kept coming: \(before) then \(later)")
    #expect(!later.contains("sync failed"), "never a stuck or failed inbox: \(later)")
    t.send("q")
  }
}
