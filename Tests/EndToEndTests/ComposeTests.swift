import Foundation
import Testing

/// A templated message sent headless, delivered to the patient's app through the webhook exactly once — also
/// when clinbox is killed between the server's 201 and the webhook's answer.
@Suite(.serialized) struct ComposeTests {
  @Test func templatedSendThenKilledBeforeTheWebhookAnswered() throws {
    let sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("clinbox"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let (receiver, port, log) = try startReceiver(in: dir, secret: "hook-secret", plan: "hang")
    defer { receiver.signal(SIGKILL); receiver.wait(timeout: 5) }
    #expect(!port.isEmpty, "the receiver started")

    try """
      [profiles.clinic]
      server = "\(sandbox.url)"
      as = "Practitioner/\(sandbox.practitioner)"
      client_id = "demo"
      client_secret_env = "SECRET"
      cache = "\(dir.path)/cache.sqlite"
      practice = { name = "Riverside Family Practice", phone = "555-0100" }
      webhook = { url = "http://127.0.0.1:\(port)/hook", secret_env = "HOOK_SECRET" }
      """.write(toFile: dir.appendingPathComponent("clinbox/config.toml").path, atomically: true, encoding: .utf8)
    let env = ["XDG_CONFIG_HOME": dir.path, "SECRET": "demo", "HOOK_SECRET": "hook-secret"]
    #expect(try clinbox(["sync"], env: env).status == 0)
    let first = try clinbox(["list", "--json"], env: env).stdout.split(separator: "\n").first.map(String.init) ?? ""
    let patient = try #require(((try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])?["patient"] as? [String: Any])?["id"] as? String)

    // A template with a placeholder left empty is refused before anything is stored or sent.
    let missing = try clinbox(["send", "--patient", patient, "--template", "appointment-reminder"], env: env)
    #expect(missing.status == 1 && missing.stderr.contains("appointment.when"))

    // Send; the webhook hangs on its first request; clinbox is killed while it waits.
    let sender = try Child(clinboxBinary, ["send", "--patient", patient, "--template", "appointment-reminder", "--var", "appointment.when=Thursday at 9:30"],
                           env: environment(env), stdout: dir.appendingPathComponent("send.out").path, stderr: dir.appendingPathComponent("send.err").path)
    var hits: [String] = []
    for _ in 0..<200 where hits.isEmpty { usleep(50_000); hits = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }
    #expect(hits.count == 1, "the webhook got the first attempt")
    sender.signal(SIGKILL)
    sender.wait(timeout: 5)

    // Rerun: the delivery is still queued (it was stored with the send), and goes once more — now answered.
    let sync = try clinbox(["sync"], env: env)
    #expect(sync.status == 0, "\(sync.stderr)")
    #expect(sync.stderr.contains("delivered 1 message to the app"))
    let again = try clinbox(["sync"], env: env)
    #expect(!again.stderr.contains("delivered"), "never again after a 2xx")
    let lines = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n")
    let entries = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    #expect(entries.count == 2)
    #expect(entries.filter { $0["answer"] as? String == "200" }.count == 1, "accepted exactly once")
    #expect(Set(entries.compactMap { $0["delivery"] as? String }).count == 1, "one delivery id, so a receiver can drop the repeat")
    #expect(entries.allSatisfy { $0["valid"] as? Bool == true }, "signed with the secret")
    #expect(entries.allSatisfy { $0["content_type"] as? String == "application/json" })
    let body = try #require(entries.last?["body"] as? [String: Any])
    let text = ((body["payload"] as? [[String: Any]])?.first?["contentString"] as? String) ?? ""
    #expect(text.contains("Thursday at 9:30") && text.contains("Riverside Family Practice") && text.contains("555-0100"))
    #expect(!text.contains("{{"), "every placeholder filled")
    #expect((body["sender"] as? [String: Any])?["reference"] as? String == "Practitioner/\(sandbox.practitioner)")
    #expect((body["recipient"] as? [[String: Any]])?.first?["reference"] as? String == "Patient/\(patient)")
    // The server holds the message once.
    let list = try clinbox(["list", "--json", "--patient", patient], env: env).stdout
    #expect(list.components(separatedBy: "Thursday at 9:30").count - 1 == 1)
  }

  @Test func webhookTestSendsASignedSample() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let (receiver, port, log) = try startReceiver(in: dir, secret: "k3y", plan: "204")
    defer { receiver.signal(SIGKILL); receiver.wait(timeout: 5) }
    let env = ["XDG_CONFIG_HOME": dir.path, "CLINBOX_WEBHOOK_URL": "http://127.0.0.1:\(port)/hook", "CLINBOX_WEBHOOK_SECRET": "k3y",
               "XDG_DATA_HOME": dir.path]
    let run = try clinbox(["webhook", "test"], env: env)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("answered 204, signed"))
    let entry = try JSONSerialization.jsonObject(with: Data(((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").utf8)) as? [String: Any]
    #expect(entry?["valid"] as? Bool == true)
    #expect((entry?["body"] as? [String: Any])?["resourceType"] as? String == "Communication")
    let none = try clinbox(["webhook", "test"], env: ["XDG_CONFIG_HOME": dir.path])
    #expect(none.status == 1 && none.stderr.contains("no webhook configured"))
  }

  /// The Python webhook receiver (`receiver.py`) on a free loopback port: the process, its port, its log file.
  func startReceiver(in dir: URL, secret: String, plan: String) throws -> (Child, String, String) {
    let portFile = dir.appendingPathComponent("port").path, log = dir.appendingPathComponent("hits.jsonl").path
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("receiver.py").path
    let receiver = try Child("/usr/bin/env", ["python3", script, portFile, log, secret, plan], env: ProcessInfo.processInfo.environment)
    var port = ""
    for _ in 0..<100 where port.isEmpty { usleep(50_000); port = (try? String(contentsOfFile: portFile, encoding: .utf8)) ?? "" }
    return (receiver, port, log)
  }
}
