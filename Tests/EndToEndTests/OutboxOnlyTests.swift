import Foundation
import Testing

/// `clinbox sync --outbox-only`, which the shipped systemd user timer runs while the inbox is closed: a reply queued
/// offline goes out once the server is back, and nothing is pulled; while the server is still away it says how many
/// wait and exits 1, and they stay queued.
@Suite struct OutboxOnlyTests {
  @Test func aQueuedReplyGoesOutAndNothingIsPulled() throws {
    var sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let (cache, server) = try syncedCache(sandbox, in: dir)
    let first = try clinbox(["list", "--json", "--cache", cache]).stdout.split(separator: "\n").first.map(String.init)
    let row = try JSONSerialization.jsonObject(with: Data((first ?? "").utf8)) as? [String: Any]
    let patient = try #require((row?["patient"] as? [String: Any])?["id"] as? String)

    let port = sandbox.port, dbDir = sandbox.dbDir
    sandbox.halt()
    let send = try clinbox(["send"] + server + ["--patient", patient, "--text", "Sent by the timer."])
    #expect(send.status == 1 && send.stderr.contains("queued in the outbox"), "\(send.stderr)")
    let away = try clinbox(["sync", "--outbox-only"] + server)
    #expect(away.status == 1 && away.stderr.contains("1 still queued"), "said, and kept: \(away.stderr)")

    sandbox = try SandboxProcess(messages: 40, port: port, dbDir: dbDir, options: ["--log-requests"])
    let back = try clinbox(["sync", "--outbox-only"] + server)
    #expect(back.status == 0, "\(back.stderr)")
    #expect(back.stderr.contains("outbox: 1 message sent, 0 waiting"), "\(back.stderr)")
    let log = sandbox.bg.log
    #expect(log.contains("POST /Communication"), "the reply went out: \(log)")
    #expect(!log.contains("GET /Communication?"), "and nothing was pulled: \(log)")
  }
}
