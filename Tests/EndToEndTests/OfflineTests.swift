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
    try choosePassphrase(cache: cache)
    let t = try Tmux(command: "\(clinboxBinary) --server \(url) --as \(me) --cache \(cache) \(creds.joined(separator: " "))")
    defer { t.stop() }
    let offline = t.waitFor(30) { $0.contains("offline since") && $0.contains("2 queued") }
    #expect(offline.contains("offline since"))
    #expect(offline.contains("2 queued"))
    #expect(offline.contains("⧗"), "queued messages are marked in the list")
    // Quitting with both unsent asks first; any key but y waits (the inbox stays), q again quits anyway.
    t.send("q")
    let asked = t.waitFor(10) { $0.contains("Quit with writes not sent?") }
    #expect(asked.contains("2 replies (") && asked.contains(") not sent"), "\(asked)")
    t.send("w")
    #expect(t.waitFor(10) { $0.contains("quits once the outbox is sent") }.contains("quits once the outbox is sent"))
    let pid = try #require(t.panePID())
    #expect(!processEnds(pid, within: 1), "waiting, not gone")
    t.send("q")
    #expect(processEnds(pid, within: 5))
    t.stop()

    // Reopened: what is still unsent is said first, on the screen and in list --view outbox.
    let again = try Tmux(command: "\(clinboxBinary) --cache \(cache)")
    defer { again.stop() }
    let reopened = again.waitFor(20) { $0.contains("unsent from before") && $0.contains("Offline two") }
    #expect(reopened.contains("Offline two: see you Thursday."))
    #expect(reopened.contains("unsent from before: 2 replies ("), "\(reopened)")
    let outbox = try clinbox(["list", "--view", "outbox", "--cache", cache])
    #expect(outbox.stderr.hasPrefix("2 replies (") && outbox.stderr.contains("not sent"), "\(outbox.stderr)")
    again.send("q")
    #expect(again.waitFor(10) { $0.contains("Quit with writes not sent?") }.contains("not sent"))
    again.send("y")

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
