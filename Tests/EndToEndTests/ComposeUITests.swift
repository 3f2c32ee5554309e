import Foundation
import Testing
import GRDB

/// Writing in the compose pane as a clinician does.
@Suite(.serialized) struct ComposeUITests {
  @Test func replyFromATemplateEditAWordSendSeeItSent() throws {
    let t = try Tmux(width: 120, height: 34, command: "\(clinboxBinary) demo --patient-writes-every 0")
    defer { t.stop() }
    t.waitFor { synced($0) && $0.contains("● ") }
    t.send("j"); t.send("Enter")
    t.waitFor(10) { $0.contains("born ") }
    t.send("r")
    #expect(t.waitFor(10) { $0.contains("Ctrl-T for a template") }.contains(" To: "))
    t.send("C-t"); t.type("refill")
    let picker = t.waitFor(5) { $0.contains("> refill") && $0.contains("Your refill request") }
    #expect(picker.contains("Your refill request"), "the live preview fills the template")
    t.send("Enter")
    let filled = t.waitFor(5) { $0.contains("Priya Raman MD") && $0.contains("draft saved") }
    #expect(filled.contains("Your refill request"), "the clinician's name filled in")
    // Edit a word: the signature's "MD" becomes "(your doctor)".
    t.send("BSpace"); t.send("BSpace"); t.type("(your doctor)")
    t.waitFor(5) { $0.contains("Priya Raman (your doctor)") }
    t.send("C-s")
    let thread = t.waitFor(20) { $0.contains("· sent") && $0.contains("Priya Raman (your doctor)") }
    #expect(thread.contains("Priya Raman (your doctor)"), "the edited text was sent")
    #expect(thread.contains("· sent"), "the message shows in the thread as sent")
    t.send("q"); t.send("q")
  }

  @Test func aDraftSurvivesKill9() throws {
    let sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let command = "\(clinboxBinary) --server \(sandbox.url) --as Practitioner/\(sandbox.practitioner) --client-id demo --client-secret demo --cache \(dir.path)/c.sqlite"
    try choosePassphrase(cache: "\(dir.path)/c.sqlite")
    let t = try Tmux(command: command)
    defer { t.stop() }
    t.waitFor { synced($0) && $0.contains("● ") }
    t.send("r")
    t.waitFor(10) { $0.contains("Ctrl-T for a template") }
    t.type("Please stop the ibuprofen for now and call us if the")
    t.send("Enter")
    t.type("pain comes back — 李医生 will see you Thursday 👍")
    t.waitFor(5) { $0.contains("draft saved") && $0.contains("Thursday 👍") }
    // Each keystroke's save is a write queued behind the one before (and a first sync's pages): kill only once the
    // last one is in the file, as a clinician's last keystroke would be a moment later.
    let cache = try DatabaseQueue(path: "\(dir.path)/c.sqlite")
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      let saved = try cache.read { try String.fetchOne($0, sql: "SELECT text FROM message WHERE delivery = 'draft'") }
      if saved?.hasSuffix("Thursday 👍") == true { break }
      usleep(50_000)
    }
    let pid = try #require(t.panePID())
    kill(pid, SIGKILL)
    t.stop()

    let again = try Tmux(command: command)
    defer { again.stop() }
    again.waitFor { $0.contains("acting as") }
    again.send("[")   // from All back to Drafts
    let drafts = again.waitFor(10) { $0.contains("clinbox · Drafts (1)") }
    #expect(drafts.contains("clinbox · Drafts (1)"))
    again.send("Enter")
    let reopened = again.waitFor(10) { $0.contains("Ctrl-T for a template") && $0.contains("Please stop the ibuprofen") }
    #expect(reopened.contains("pain comes back — 李医生 will see you Thursday 👍"), "the text is there, wide characters and all")
    again.send("Escape")
    #expect(again.waitFor(5) { $0.contains("Discard this message?") }.contains("Discard this message?"), "Esc asks before discarding")
    again.send("n")
    again.send("C-d")
    let running = try #require(again.panePID())
    again.send("q")
    // It ends — with a sync's requests possibly in flight — rather than lingering in the background.
    #expect(processEnds(running, within: 10), "clinbox exited after q")
  }

  @Test func pasteIsTextAndCtrlEOpensTheEditor() throws {
    let t = try Tmux(command: "env EDITOR='sed -i s/hello/HELLO/' \(clinboxBinary) demo --patient-writes-every 0")
    defer { t.stop() }
    t.waitFor { synced($0) && $0.contains("● ") }
    t.send("r")
    t.waitFor(10) { $0.contains("Ctrl-T for a template") }
    // A pasted block is text: its "q" and "s" neither quit nor sync, its newline stays a newline.
    _ = try t.tmux(["set-buffer", "-b", "clip", "hello from the pharmacy\nq s done"])
    _ = try t.tmux(["paste-buffer", "-p", "-b", "clip", "-t", "t"])
    let pasted = t.waitFor(5) { $0.contains("q s done") }
    let lines = pasted.split(separator: "\n", omittingEmptySubsequences: false)
    let first = try #require(lines.firstIndex { $0.hasSuffix("hello from the pharmacy") }, "\(pasted)")
    #expect(lines[first + 1].hasSuffix("q s done"), "two lines, as pasted (the reply's pane beside the thread)")
    t.send("C-x")
    let edited = t.waitFor(10) { $0.contains("HELLO from the pharmacy") }
    #expect(edited.contains("HELLO from the pharmacy"), "the editor's changes come back")
    t.send("Escape"); t.send("y")
    t.send("q"); t.send("q")
  }
}
