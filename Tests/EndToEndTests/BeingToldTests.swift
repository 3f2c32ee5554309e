import Foundation
import Testing
import GRDB

/// Being told: a patient's message that a background sync brings into Mine rings the bell and puts a count in
/// the terminal's title, once, with no patient's name in either; what was there at the start rings nothing.
@Suite(.serialized) struct BeingToldTests {
  @Test func aNewPatientMessageRingsOnceAndCountsInTheTitleWithoutAName() throws {
    let sandbox = try SandboxProcess()
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let bells = dir.appendingPathComponent("bells").path
    let me = "Practitioner/\(sandbox.practitioner)"
    let creds = ["--client-id", "demo", "--client-secret", "demo"]
    let server = try DatabaseQueue(path: sandbox.dbDir.appendingPathComponent("sandbox.sqlite").path)
    let (patient, given, family) = try server.read { db -> (String, String, String) in
      let row = try Row.fetchOne(db, sql: "SELECT id, given, family FROM patient LIMIT 1")
      return (row?["id"] ?? "", row?["given"] ?? "", row?["family"] ?? "")
    }

    try choosePassphrase(cache: "\(dir.path)/mine.sqlite")
    let t = try Tmux(command: "\(clinboxBinary) --server \(sandbox.url) --as \(me) --cache \(dir.path)/mine.sqlite "
                     + creds.joined(separator: " "))
    defer { t.stop() }
    // tmux counts the bells it hears (its own alert, which is how clinbox notifies inside tmux).
    t.hookBells(into: bells)
    t.waitFor { synced($0) && $0.contains("● ") }
    // The first sync brought a whole practice's messages: none of them rings.
    t.send("s")
    t.waitFor(20) { $0.contains("synced just now") }
    usleep(1_500_000)
    #expect(ringCount(bells) == 0, "what the server had at the start rings nothing")
    #expect(!t.title().contains("new"))

    // A patient's message arrives on the server (recorded by a colleague in another cache), then a sync.
    let recorded = try clinbox(["record", "--patient", patient, "--for", me, "--text", "Chest pain since lunch",
                                "--server", sandbox.url, "--as", me, "--cache", "\(dir.path)/desk.sqlite"] + creds)
    #expect(recorded.status == 0, "\(recorded.stderr)")
    t.send("s")
    let told = waitUntil(30) { t.title().contains("1 new") }
    #expect(told, "the title counts the new message: \(t.title())")
    #expect(waitUntil(5) { ringCount(bells) == 1 }, "one bell")
    #expect(!t.title().contains(given) && !t.title().contains(family), "no patient's name in the title")

    // Another sync brings nothing new: no second bell; a key takes the count out of the title.
    t.send("s")
    t.waitFor(20) { $0.contains("synced just now") }
    usleep(2_000_000)
    #expect(ringCount(bells) == 1, "never twice for one message")
    t.send("j")
    #expect(waitUntil(5) { !t.title().contains("new") }, "the clinician's key clears the count: \(t.title())")
    t.send("q")
  }

  func ringCount(_ path: String) -> Int {
    ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").count
  }
}

/// Polls `condition` every 100 ms until it holds or `timeout` passes.
func waitUntil(_ timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
  let deadline = Date().addingTimeInterval(timeout)
  while Date() < deadline {
    if condition() { return true }
    usleep(100_000)
  }
  return condition()
}

extension Tmux {
  /// Appends a line to `file` for each bell the pane rings.
  func hookBells(into file: String) {
    _ = try? tmux(["set", "-g", "monitor-bell", "on"])
    _ = try? tmux(["set-hook", "-g", "alert-bell", "run-shell \"echo bell >> \(file)\""])
  }
}
