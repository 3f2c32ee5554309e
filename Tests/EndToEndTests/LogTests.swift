import Foundation
import Testing

/// `--log FILE`: what a sync did, as counts and ids, in a file only its owner reads — no name, no message text.
@Suite(.serialized) struct LogTests {
  @Test func aSyncLogsCountsAndIdsOnly() throws {
    let sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = dir.appendingPathComponent("c/cache.sqlite").path
    let log = dir.appendingPathComponent("clinbox.log").path
    let sync = try clinbox(["sync", "--log", log, "--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)",
                            "--client-id", "demo", "--client-secret", "demo", "--cache", cache])
    #expect(sync.status == 0, "\(sync.stderr)")
    let text = try String(contentsOfFile: log, encoding: .utf8)
    #expect(text.contains("clinbox.sync: sync finished") && text.contains("messages="), "\(text)")
    #expect(try FileManager.default.attributesOfItem(atPath: log)[.posixPermissions] as? Int == 0o600)
    let listed = try clinbox(["list", "--json", "--cache", cache]).stdout.split(separator: "\n")
    #expect(listed.count > 10)
    for line in listed {
      let m = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      let name = ((m?["patient"] as? [String: Any])?["name"] as? String) ?? ""
      let words = ((m?["text"] as? String) ?? "").prefix(16)
      #expect(!name.isEmpty && !text.contains(name), "no patient's name in the log")
      #expect(words.count < 8 || !text.contains(words), "no message text in the log")
    }
    // A send logs what it delivered, as a sync does: the entry and the server's id.
    let patient = try #require(listed.first.flatMap {
      ((try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any])?["patient"] as? [String: Any]
    }?["id"] as? String)
    let sent = try clinbox(["send", "--log", log, "--patient", patient, "--text", "Your labs are normal.",
                            "--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)",
                            "--client-id", "demo", "--client-secret", "demo", "--cache", cache])
    #expect(sent.status == 0, "\(sent.stderr)")
    let id = sent.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let after = try String(contentsOfFile: log, encoding: .utf8)
    #expect(!id.isEmpty && after.contains("outbox entry delivered") && after.contains("id=\(id)"), "\(after)")
    #expect(!after.contains("Your labs are normal"))
    // Without --log nothing is written anywhere, and nothing of the log reaches the terminal.
    let quiet = try clinbox(["sync", "--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)",
                             "--client-id", "demo", "--client-secret", "demo", "--cache", cache])
    #expect(!quiet.stderr.contains("sync finished") && !quiet.stdout.contains("sync finished"))
  }
}
