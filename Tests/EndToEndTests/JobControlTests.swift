import Foundation
import Testing

/// The terminal as a shell user has it: Ctrl-Z hands it back to the shell and `fg` brings clinbox back redrawn —
/// behind the lock when it idled past `lock_after` meanwhile — and a storm of resizes leaves a right frame.
@Suite struct JobControlTests {
  func setUp(_ sandbox: SandboxProcess, lockAfterMinutes: Double) throws -> (dir: URL, command: String) {
    let dir = try scratchFolder(config: "lock_after = \(lockAfterMinutes)\n")
    let (cache, server) = try syncedCache(sandbox, in: dir)
    try choosePassphrase(cache: cache)
    return (dir, "env XDG_CONFIG_HOME=\(dir.path) \(clinboxBinary) " + server.joined(separator: " "))
  }

  @Test func ctrlZSuspendsToTheShellAndFgComesBackBehindTheLockWhenItIdled() throws {
    let sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let (dir, command) = try setUp(sandbox, lockAfterMinutes: 0.25)   // 15 s
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try Tmux(command: "bash --norc")
    defer { t.stop() }
    t.type(command)
    t.send("Enter")
    var screen = t.waitFor(30) { ($0.contains("clinbox · All") && synced($0)) || $0.contains("clinbox is locked") }
    if screen.contains("clinbox is locked") {   // it idled 15 s while it synced
      t.type(testPassphrase)
      t.send("Enter")
      screen = t.waitFor(30) { $0.contains("clinbox · All") && synced($0) }
    }
    screen = t.waitFor(30) { $0.contains("→ ") || $0.contains("clinbox is locked") }
    if screen.contains("clinbox is locked") {   // it idled again while the rows came
      t.type(testPassphrase)
      t.send("Enter")
      screen = t.waitFor(30) { $0.contains("→ ") }
    }
    #expect(screen.contains("clinbox · All"), "\(screen)")
    let patientRow = try #require(screen.split(separator: "\n").dropFirst().first { $0.contains("→ ") }, "\(screen)")
    t.send("j", "C-z")   // a key first: the 15 s of idling start again
    screen = t.waitFor(10) { $0.contains("Stopped") }
    #expect(screen.contains("Stopped"), "the shell has its job: \(screen)")
    sleep(16)   // past lock_after, suspended
    t.type("fg")
    t.send("Enter")
    screen = t.waitFor(10) { $0.contains("clinbox is locked") }
    #expect(screen.contains("clinbox is locked"), "\(screen)")
    #expect(!screen.contains(String(patientRow.prefix(30))), "nothing of the inbox shows before the passphrase")
    t.type(testPassphrase)
    t.send("Enter")
    screen = t.waitFor(10) { $0.contains("clinbox · All") }
    #expect(screen.contains("clinbox · All"), "\(screen)")
    // Nothing of the shell's echo of the job (`fg` prints its command line) and no typed key shows in the frame.
    #expect(!screen.contains("--client-id") && !screen.contains(testPassphrase), "\(screen)")
    t.send("q")
    screen = t.waitFor(10) { $0.split(separator: "\n").last?.hasPrefix("bash") == true }
    #expect(screen.split(separator: "\n").last?.hasPrefix("bash") == true, "back at the prompt: \(screen)")
  }

  @Test func aResizeStormLeavesAFrameOfTheLastSize() throws {
    let sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let (dir, command) = try setUp(sandbox, lockAfterMinutes: 0)
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try Tmux(width: 120, height: 40, command: command)
    defer { t.stop() }
    var screen = t.waitFor(30) { $0.contains("clinbox · All") && synced($0) }
    let pid = try #require(t.panePID())
    // Hundreds of SIGWINCH in a second, some of them real changes of size, the last one to 97×31.
    for i in 0..<400 {
      kill(pid, SIGWINCH)
      if i % 100 == 0 { t.resize(i % 200 == 0 ? 80 : 130, i % 200 == 0 ? 20 : 45) }
    }
    t.resize(97, 31)
    screen = t.waitFor(10) { s in
      let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
      return lines.count >= 31 && lines[30].contains("j/k move")
    }
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0].hasPrefix(" clinbox · All") && lines[0].hasSuffix("acting as Priya Raman MD"), "\(screen)")
    #expect(lines[0].count <= 97 && lines.allSatisfy { $0.count <= 97 })
    #expect(lines[30].contains("j/k move"), "the status line is the last of 31: \(lines)")
    #expect(kill(pid, 0) == 0, "still running")
  }
}
