import Foundation
import Testing

/// The audit trail as a security officer reads it: what a clinician did in the inbox, printed by `clinbox audit`,
/// and `--verify` naming a line that was edited afterwards.
@Suite(.serialized) struct AuditCommandTests {
  @Test func whatWasDoneIsPrintedAndAnEditedLineIsNamed() throws {
    let sandbox = try SandboxProcess(messages: 60)
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = "\(dir.path)/c/cache.sqlite"
    try choosePassphrase(cache: cache)
    let inbox = try Tmux(command: "\(clinboxBinary) --server \(sandbox.url) --as Practitioner/\(sandbox.practitioner) "
                           + "--client-id demo --client-secret demo --cache \(cache)")
    defer { inbox.stop() }
    inbox.waitFor { synced($0) && $0.contains("● ") }
    inbox.send("Enter")
    #expect(inbox.waitFor(5) { $0.contains("born ") }.contains("born "))
    inbox.send("q")
    inbox.send("d")
    inbox.waitFor(5) { $0.contains("done · z undoes") }
    // The step is recorded once its write is done, a moment after the screen confirms it.
    var printed = try clinbox(["audit", "--cache", cache])
    let deadline = Date().addingTimeInterval(5)
    while printed.stdout.split(separator: "\n").count < 2 && Date() < deadline {
      usleep(50_000)
      printed = try clinbox(["audit", "--cache", cache])
    }
    #expect(printed.status == 0, "\(printed.stderr)")
    let lines = printed.stdout.split(separator: "\n")
    #expect(lines.count == 2, "\(printed.stdout)")
    #expect(lines.first?.contains("opened  patient ") == true)
    #expect(lines.last?.contains("done  patient ") == true && lines.last?.contains("message=") == true)
    #expect(lines.allSatisfy { $0.contains("Practitioner/\(sandbox.practitioner)") })
    // A headless send is recorded too, chained after the inbox's lines.
    let patient = String(lines[0].split(separator: " ").last ?? "")
    let send = try clinbox(["send", "--patient", patient, "--text", "Your results are normal.", "--server", sandbox.url,
                            "--as", "Practitioner/\(sandbox.practitioner)", "--client-id", "demo", "--client-secret", "demo",
                            "--cache", cache])
    #expect(send.status == 0, "\(send.stderr)")
    let after = try clinbox(["audit", "--patient", patient, "--cache", cache]).stdout.split(separator: "\n")
    #expect(after.first?.contains("opened") == true && after.last?.contains("sent  patient \(patient)") == true,
            "\(after)")
    let verified = try clinbox(["audit", "--verify", "--cache", cache])
    #expect(verified.status == 0 && verified.stdout.contains("whole: 3 line(s)"), "\(verified.stdout)\(verified.stderr)")

    // Someone edits the first line (another patient): the chain breaks there, and the exit status says so.
    let path = "\(dir.path)/c/audit.log"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let field = try #require(text.range(of: #""patient":"[^"]+""#, options: .regularExpression))
    try text.replacingCharacters(in: field, with: #""patient":"someone-else""#)
      .write(toFile: path, atomically: false, encoding: .utf8)
    let broken = try clinbox(["audit", "--verify", "--cache", cache])
    #expect(broken.status == 1)
    #expect(broken.stdout.contains("line 1:"), "\(broken.stdout)")
  }

  /// Three clinbox processes writing one cache's trail at once — an inbox open and three sends beside it — leave one
  /// whole chain: each append holds the file's lock and chains from the line last in the file.
  @Test func threeProcessesAtOnceLeaveAWholeTrail() throws {
    let sandbox = try SandboxProcess(messages: 30)
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let (cache, server) = try syncedCache(sandbox, in: dir)
    try choosePassphrase(cache: cache)
    let inbox = try Tmux(command: "\(clinboxBinary) \(server.joined(separator: " "))")
    defer { inbox.stop() }
    inbox.waitFor { synced($0) }
    inbox.send("Enter")   // the inbox writes too: a thread opened
    inbox.waitFor(10) { $0.contains("born ") }
    let patient = try #require(try clinbox(["list", "--json", "--cache", cache]).stdout.split(separator: "\n").first.flatMap {
      ((try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any])?["patient"] as? [String: Any]
    }?["id"] as? String)
    let senders = try (0..<3).map { i in
      try Child(clinboxBinary, ["send", "--patient", patient, "--text", "Reminder \(i) for Thursday"] + server,
                env: environment([:]))
    }
    inbox.send("q")   // back to the list; more audit lines as the sends run
    for s in senders { #expect(s.wait(timeout: 60) == 0) }
    let verified = try clinbox(["audit", "--verify", "--cache", cache])
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    #expect(verified.stdout.contains("whole: "), "\(verified.stdout)")
    let sent = try clinbox(["audit", "--cache", cache]).stdout.split(separator: "\n").filter { $0.contains("sent  patient") }
    #expect(sent.count == 3, "every send recorded: \(sent)")
  }
}
