import Foundation
import Testing

/// Offline as a clinician meets it: the server goes away, messages are written anyway, the inbox says so, and
/// when the server is back each message reaches it exactly once.
@Suite(.serialized) struct OfflineTests {
  @Test func writtenOfflineDeliveredOnceWhenBack() throws {
    var sandbox = try SandboxProcess(messages: 60)
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = dir.appendingPathComponent("cache.sqlite").path
    let creds = ["--client-id", "demo", "--client-secret", "demo"]
    let me = "Practitioner/\(sandbox.practitioner)"
    #expect(try clinbox(["sync", "--server", sandbox.url, "--as", me, "--cache", cache] + creds).status == 0)
    let first = try clinbox(["list", "--json", "--cache", cache]).stdout.split(separator: "\n").first.map(String.init) ?? ""
    let patient = try #require(((try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])?["patient"] as? [String: Any])?["id"] as? String)

    // The server goes away; two messages are written.
    let url = sandbox.url, port = sandbox.port, dbDir = sandbox.dbDir
    sandbox.halt()
    for text in ["Offline one: your results are normal.", "Offline two: see you Thursday."] {
      let send = try clinbox(["send", "--server", url, "--as", me, "--cache", cache, "--patient", patient, "--text", text] + creds)
      #expect(send.status == 1)
      #expect(send.stderr.contains("queued in the outbox"), "\(send.stderr)")
    }

    // The inbox, with the server still down: both shown as queued, the status line says offline.
    let t = try Tmux(command: "\(clinboxBinary) --server \(url) --as \(me) --cache \(cache) \(creds.joined(separator: " "))")
    defer { t.stop() }
    let offline = t.waitFor(30) { $0.contains("offline since") }
    #expect(offline.contains("offline since"))
    #expect(offline.contains("2 queued"))
    #expect(offline.contains("⧗"), "queued messages are marked in the list")
    t.send("q")
    t.stop()

    // Quit and reopen: still there.
    let again = try Tmux(command: "\(clinboxBinary) --cache \(cache)")
    defer { again.stop() }
    let reopened = again.waitFor(20) { $0.contains("2 queued") && $0.contains("Offline two") }
    #expect(reopened.contains("Offline two: see you Thursday."))
    again.send("q")

    // The server is back: a sync delivers both, once each.
    sandbox = try SandboxProcess(messages: 60, port: port, dbDir: dbDir)
    let sync = try clinbox(["sync", "--server", url, "--as", me, "--cache", cache] + creds)
    #expect(sync.status == 0, "\(sync.stderr)")
    #expect(sync.stderr.contains("delivered 2 queued messages"))
    let thread = try clinbox(["list", "--json", "--patient", patient, "--cache", cache]).stdout
    #expect(thread.components(separatedBy: "Offline one: your results are normal.").count - 1 == 1)
    #expect(thread.components(separatedBy: "Offline two: see you Thursday.").count - 1 == 1)
    let resync = try clinbox(["sync", "--server", url, "--as", me, "--cache", cache] + creds)
    #expect(resync.status == 0 && !resync.stderr.contains("delivered"))
    let after = try clinbox(["list", "--json", "--patient", patient, "--cache", cache]).stdout
    #expect(after.components(separatedBy: "Offline one").count - 1 == 1, "the server holds it once: a resync brings no copy")
  }
}
