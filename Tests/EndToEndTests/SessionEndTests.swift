import Foundation
import Testing

/// A closed ssh session, a killed tmux window or a SIGTERM ends clinbox within a second or two, from any screen
/// or overlay, with what was typed kept — never an orphan spinning on a core.
@Suite(.serialized) struct SessionEndTests {
  @Test func closingTheTerminalWithThePickerOpenEndsClinbox() throws {
    let t = try Tmux(command: "\(clinboxBinary) demo --patient-writes-every 0")
    defer { t.stop() }
    t.waitFor { $0.contains("acting as Priya Raman MD") && synced($0) }
    t.send("a")   // the route picker: an overlay that takes every key it is given
    #expect(t.waitFor(10) { $0.contains("Route to") }.contains("Route to"))
    let pid = try #require(t.panePID())
    t.stop()      // the terminal goes away: SIGHUP, then a tty that answers every read with an error
    #expect(processEnds(pid, within: 2), "clinbox is gone within two seconds of its terminal")
  }

  @Test func sigtermInComposeEndsClinboxAndKeepsTheDraft() throws {
    let sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-end-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = dir.appendingPathComponent("c.sqlite").path
    let command = "\(clinboxBinary) --server \(sandbox.url) --as Practitioner/\(sandbox.practitioner)"
      + " --client-id demo --client-secret demo --cache \(cache)"
    try choosePassphrase(cache: cache)
    let t = try Tmux(command: "bash --norc --noprofile")
    defer { t.stop() }
    t.type("PS1='$ ' \(command); echo EXIT-$?"); t.send("Enter")
    t.waitFor { $0.contains("acting as") && synced($0) }
    t.send("r")
    t.waitFor(10) { $0.contains("Ctrl-T for a template") }
    t.type("Your results are back and look fine")
    t.waitFor(5) { $0.contains("draft saved") && $0.contains("look fine") }
    t.send("C-t")   // the template picker open over the pane
    t.waitFor(5) { $0.contains("refill") }
    let shellPID = try #require(t.panePID())
    let pid = try #require(clinboxChild(of: shellPID))
    kill(pid, SIGTERM)
    // The line `EXIT-<status>` the shell prints once clinbox has ended (the typed command also holds "EXIT-").
    let shell = t.waitFor(5) { $0.split(separator: "\n").contains { $0.hasPrefix("EXIT-") } }
    #expect(shell.contains("EXIT-0"), "clinbox ended on SIGTERM and gave the shell back")
    #expect(processEnds(pid, within: 2))
    // The terminal is restored: the shell prompt answers.
    t.type("echo BACK-$((40+2))"); t.send("Enter")
    #expect(t.waitFor(5) { $0.contains("BACK-42") }.contains("BACK-42"))

    let drafts = try clinbox(["list", "--cache", cache, "--view", "drafts", "--json"])
    #expect(drafts.stdout.contains("Your results are back and look fine"), "the draft is in the cache: \(drafts.stderr)")
  }

  /// The clinbox process a shell in the pane started.
  func clinboxChild(of shell: Int32) -> Int32? {
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline {
      let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
      if let first = children.split(separator: " ").first, let pid = Int32(first) { return pid }
      usleep(50_000)
    }
    return nil
  }
}
