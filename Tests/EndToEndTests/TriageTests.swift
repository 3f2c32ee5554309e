import Foundation
import Testing
import GRDB

/// Triage as two colleagues do it, each in their own terminal and cache, against one sandbox.
@Suite(.serialized) struct TriageTests {
  @Test func routeThenTheColleagueFindsItMarksItDoneAndUndoes() throws {
    let sandbox = try SandboxProcess(messages: 120)
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let creds = "--client-id demo --client-secret demo"
    let sam = try reference(matching: "sam", sandbox)
    #expect(sam.hasPrefix("Practitioner/"))

    // Priya routes her newest message to Samantha, with a note.
    try choosePassphrase(cache: "\(dir.path)/priya.sqlite")
    let priya = try Tmux(command: "\(clinboxBinary) --server \(sandbox.url) --as Practitioner/\(sandbox.practitioner) \(creds) --cache \(dir.path)/priya.sqlite")
    defer { priya.stop() }
    priya.waitFor { synced($0) && $0.contains("● ") }
    priya.send("g")   // the newest message, on the first row
    let inbox = priya.waitFor(5) { $0.contains(" 1/") }
    let patient = inbox.split(separator: "\n")[1].split(separator: "│").last.map { String($0.dropFirst(2).prefix(8)) } ?? ""
    priya.send("a"); priya.type("sjo")
    #expect(priya.waitFor(5) { $0.contains("› Samantha Jones RN") }.contains("› Samantha Jones RN"))
    let instructions = "Please call her back today re chest tightness; due tomorrow"
    priya.send("Enter"); priya.type(instructions); priya.send("Enter")
    let routed = priya.waitFor(20) { $0.contains("⇒") && $0.contains("synced") && !$0.contains("queued") }
    #expect(routed.contains("⇒"), "the row shows whom it is routed to")
    priya.send("q")

    // Samantha sees it in Routed to me, though it was never sent to her.
    try choosePassphrase(cache: "\(dir.path)/sam.sqlite")
    let samantha = try Tmux(command: "\(clinboxBinary) --server \(sandbox.url) --as \(sam) \(creds) --cache \(dir.path)/sam.sqlite")
    defer { samantha.stop() }
    samantha.waitFor { synced($0) && $0.contains("acting as Samantha Jones RN") }
    samantha.send("]"); samantha.send("]"); samantha.send("]"); samantha.send("]")
    let view = samantha.waitFor(10) { $0.contains("clinbox · Routed to me (1)") }
    #expect(view.contains("clinbox · Routed to me (1)"))
    #expect(view.contains(patient), "the routed message is the one Priya routed")
    // The handoff carries its instructions: who asked, what, by when — on the row, in the thread, in list --json.
    let row = samantha.waitFor(10) { $0.contains("⇐ P. Raman, due ") }
    #expect(row.contains("⇐ P. Raman, due ") && row.contains(": Please call her"), "\(row)")
    samantha.send("Enter")
    let thread = samantha.waitFor(10) { $0.contains("⇒ Routed to Samantha Jones RN by Priya Raman MD") }
    #expect(thread.contains("⇒ Routed to Samantha Jones RN by Priya Raman MD") && thread.contains(" · due "),
            "\(thread)")
    #expect(thread.contains("  " + instructions), "the note in full at the top of the thread: \(thread)")
    samantha.send("Escape")
    samantha.waitFor(10) { $0.contains("clinbox · Routed to me (1)") }
    let json = try clinbox(["list", "--view", "routed", "--json", "--cache", "\(dir.path)/sam.sqlite"]).stdout
    let line = try #require(json.split(separator: "\n").first.flatMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
    })
    let routing = try #require(line["routing"] as? [String: Any], "\(json)")
    #expect(routing["by_name"] as? String == "Priya Raman MD")
    #expect(routing["by"] as? String == "Practitioner/\(sandbox.practitioner)")
    #expect(routing["note"] as? String == instructions)
    #expect(routing["status"] as? String == "requested")
    #expect((routing["due"] as? String)?.isEmpty == false, "the due date Priya's note gave")
    samantha.send("d")
    #expect(samantha.waitFor(10) { $0.contains("Routed to me (0)") }.contains("Routed to me (0)"), "done leaves the view")
    // On the server — which keeps Task as Canvas does — the Task is completed with its description and owner.
    let task = try waitForTask(in: sandbox, status: "completed")
    #expect((task["description"] as? String)?.contains("Please call her back today") == true)
    // The row routed is Priya's own scheduled message to the patient: the Task says so.
    #expect((task["description"] as? String)?.hasPrefix("Reply from Priya Raman MD to \(patient)") == true,
            "what the message is: \(task["description"] ?? "")")
    #expect((task["owner"] as? [String: Any])?["reference"] as? String == sam)
    #expect(task["focus"] == nil, "Canvas keeps no focus: the colleague found the message by the task's note")
    let notes = (task["note"] as? [[String: Any]])?.compactMap { $0["text"] as? String } ?? []
    #expect(notes.count == 2 && notes[1] == instructions, "the link and the instructions, none sent twice: \(notes)")
    samantha.send("z")
    #expect(samantha.waitFor(10) { $0.contains("Routed to me (1)") }.contains("Routed to me (1)"), "undo brings it back")
    samantha.send("q")
  }

  @Test func threeTaggedMessagesAreDoneInOneStepAndUndoneInOne() throws {
    let t = try Tmux(command: "\(clinboxBinary) demo --patient-writes-every 0")
    defer { t.stop() }
    // The demo's news goes live after the first sync, and going live runs one more cycle: wait for both.
    t.waitFor { synced($0) && $0.contains("● ") && $0.contains("· live") }
    /// The first three rows of the list, as the screen shows them.
    func rows(_ screen: String) -> [String] {
      screen.split(separator: "\n").dropFirst().prefix(3).map { String($0.split(separator: "│").last ?? "") }
    }
    // The list is re-read a moment after "synced" shows: take its rows once they hold still for half a second.
    var before = t.waitFor(5) { $0.contains(" 1/") }
    for _ in 0..<20 {
      usleep(500_000)
      t.send("g")
      let again = t.waitFor(5) { $0.contains(" 1/") }
      if rows(again) == rows(before) { break }
      before = again
    }
    t.send("t"); t.send("t"); t.send("t")
    let tagged = t.waitFor(5) { $0.contains("3 tagged") }
    #expect(rows(tagged).allSatisfy { $0.dropFirst().hasPrefix("*") }, "three rows tagged: \(rows(tagged))")
    _ = try t.tmux(["send-keys", "-t", "t", "-H", "3b"])   // `;` (a lone ; is a separator to tmux)
    #expect(t.waitFor(5) { $0.contains("; 3 tagged:") }.contains("d done"), "the prompt says what ; can do")
    t.send("d")
    let done = t.waitFor(10) { $0.contains("3 done · z undoes") }
    #expect(rows(done).allSatisfy { $0.hasPrefix("✓ ") }, "all three done: \(rows(done))")
    t.send("z")
    let undone = t.waitFor(10) { $0.contains("undone for 3 messages") && !rows($0).contains { $0.hasPrefix("✓") } }
    #expect(rows(undone) == rows(before), "all three back as they were: \(rows(undone))")
    t.send("q")
  }

  /// The sandbox's one Task once it has `status`, read from its database file.
  func waitForTask(in sandbox: SandboxProcess, status: String) throws -> [String: Any] {
    let db = try DatabaseQueue(path: sandbox.dbDir.appendingPathComponent("sandbox.sqlite").path)
    let deadline = Date().addingTimeInterval(30)
    var json = ""
    while Date() < deadline {
      json = try db.read { try String.fetchOne($0, sql: "SELECT json FROM task WHERE status = ?", arguments: [status]) } ?? ""
      if !json.isEmpty { break }
      usleep(200_000)
    }
    return (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]) ?? [:]
  }

  @Test func aReboundKeyFromTheConfigWorks() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("clinbox"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "[keys]\ndone = \"x\"\nnext-view = \"n\"\n".write(to: dir.appendingPathComponent("clinbox/config.toml"), atomically: true, encoding: .utf8)
    // Wide enough that the hints reach the rebound key past the demo's address and "· live".
    let t = try Tmux(width: 160,
                     command: "env XDG_CONFIG_HOME=\(dir.path) \(clinboxBinary) demo --patient-writes-every 0")
    defer { t.stop() }
    let start = t.waitFor { synced($0) && $0.contains("● ") }
    #expect(start.contains("x done"), "the hint shows the new key")
    t.send("x")
    #expect(t.waitFor(10) { $0.contains("✓ ") }.contains("✓ "), "x marks done")
    t.send("n")
    #expect(t.waitFor(5) { $0.contains("clinbox · Urgent") }.contains("clinbox · Urgent"), "n is the next view")
    t.send("q")
  }

  @Test func theFirstStartAsksWhomToActAs() throws {
    let sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try choosePassphrase(cache: "\(dir.path)/c.sqlite")
    let t = try Tmux(command: "\(clinboxBinary) --server \(sandbox.url) --client-id demo --client-secret demo --cache \(dir.path)/c.sqlite")
    defer { t.stop() }
    let picker = t.waitFor(20) { $0.contains("Act as") }
    #expect(picker.contains("Tom Becker"), "all staff can be chosen, not only schedulable ones")
    t.send("Escape")
    t.type("priya"); t.send("Enter")
    let inbox = t.waitFor(20) { $0.contains("acting as Priya Raman MD") && $0.contains("● ") }
    #expect(inbox.contains("● "))
    t.send("q")
    // The choice is kept: the next start goes straight to the inbox.
    let again = try Tmux(command: "\(clinboxBinary) --server \(sandbox.url) --client-id demo --client-secret demo --cache \(dir.path)/c.sqlite")
    defer { again.stop() }
    #expect(again.waitFor(20) { $0.contains("acting as Priya Raman MD") }.contains("acting as Priya Raman MD"))
    #expect(!again.screen().contains("Act as"))
    again.send("q")
  }
}
