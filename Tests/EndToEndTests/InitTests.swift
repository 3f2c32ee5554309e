import Foundation
import Testing

/// `clinbox init` as IT scripts it: every answer a flag (the passphrase on stdin), checked against the server before
/// anything is written; the profile written readable by its owner only and doctor run; run again, it edits the
/// profile; a wrong answer is named at once and writes nothing.
@Suite struct InitTests {
  struct Home {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    var config: String { dir.appendingPathComponent("clinbox/config.toml").path }
    var env: [String: String] {
      ["XDG_CONFIG_HOME": dir.path, "XDG_DATA_HOME": dir.appendingPathComponent("data").path, "CANVAS_SECRET": "demo"]
    }
    func initialise(_ args: [String], secret: String = "demo") throws -> Run {
      var e = env
      e["CANVAS_SECRET"] = secret
      return try clinbox(["init"] + args, env: e, input: testPassphrase + "\n")
    }
  }

  @Test func flagsWriteAProfileThatWorksAndARunAgainEditsIt() throws {
    let sandbox = try SandboxProcess(messages: 20)
    defer { sandbox.stop() }
    let home = Home()
    defer { try? FileManager.default.removeItem(at: home.dir) }
    let me = "Practitioner/\(sandbox.practitioner)"
    let first = try home.initialise(["--server", sandbox.url + "/", "--client-id", "demo", "--secret-env",
                                     "CANVAS_SECRET", "--as", me, "--passphrase-stdin"])
    #expect(first.status == 0, "\(first.stdout) \(first.stderr)")
    #expect(first.stdout.contains("acting as Priya Raman MD"))
    #expect(first.stdout.contains("✔ acting practitioner: Priya Raman MD"), "doctor ran: \(first.stdout)")
    let text = try String(contentsOfFile: home.config, encoding: .utf8)
    #expect(text.contains("client_secret_env = 'CANVAS_SECRET'") && !text.contains("client_secret ="),
            "the secret's variable, never the secret: \(text)")
    #expect(text.contains("server = '\(sandbox.url)'"), "the URL normalised: \(text)")
    let mode = try FileManager.default.attributesOfItem(atPath: home.config)[.posixPermissions] as? Int
    #expect(mode == 0o600)

    let again = try home.initialise(["--sync-interval", "30", "--no-doctor"])
    #expect(again.status == 0, "\(again.stderr)")
    let edited = try String(contentsOfFile: home.config, encoding: .utf8)
    #expect(edited.contains("sync_interval = 30") && edited.contains("as = '\(me)'"), "edited, not new: \(edited)")
  }

  /// A clinician at the terminal with no flags: each question asked, the staff listed to choose from, the passphrase
  /// typed twice without echo, and the profile written and checked.
  @Test func atTheTerminalEveryQuestionIsAsked() throws {
    let sandbox = try SandboxProcess(messages: 20)
    defer { sandbox.stop() }
    let home = Home()
    defer { try? FileManager.default.removeItem(at: home.dir) }
    let env = home.env.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
    let t = try Tmux(command: "env \(env) \(clinboxBinary) init; sleep 30")
    defer { t.stop() }
    func answer(_ question: String, _ text: String) {
      #expect(t.waitFor(20) { $0.contains(question) }.contains(question), "asked: \(question)")
      t.type(text)
      t.send("Enter")
    }
    answer("FHIR server URL:", sandbox.url)
    answer("Client id:", "demo")
    answer("The environment variable the client secret is in [CANVAS_CLIENT_SECRET]:", "CANVAS_SECRET")
    let list = t.waitFor(20) { $0.contains("Who you act as (a number):") }
    let line = try #require(list.split(separator: "\n").first { $0.contains("Priya Raman MD") }, "\(list)")
    let number = try #require(line.split(separator: " ").first.map(String.init))
    t.type(number)
    t.send("Enter")
    answer("New passphrase", testPassphrase)
    answer("Type it again:", testPassphrase)
    let done = t.waitFor(30) { $0.contains("✔ acting practitioner: Priya Raman MD") }
    #expect(done.contains("acting as Priya Raman MD") && !done.contains(testPassphrase), "never echoed: \(done)")
    let text = try String(contentsOfFile: home.config, encoding: .utf8)
    #expect(text.contains("as = 'Practitioner/\(sandbox.practitioner)'"), "\(text)")
  }

  @Test func aSecretFileMustBeTheOwnersAlone() throws {
    let sandbox = try SandboxProcess(messages: 20)
    defer { sandbox.stop() }
    let home = Home()
    defer { try? FileManager.default.removeItem(at: home.dir) }
    try FileManager.default.createDirectory(at: home.dir, withIntermediateDirectories: true)
    let file = home.dir.appendingPathComponent("secret").path
    FileManager.default.createFile(atPath: file, contents: Data("demo\n".utf8), attributes: [.posixPermissions: 0o644])
    let args = ["--server", sandbox.url, "--client-id", "demo", "--secret-file", file,
                "--as", "Practitioner/\(sandbox.practitioner)", "--passphrase-stdin", "--no-doctor"]
    let open = try home.initialise(args)
    #expect(open.status == 1 && open.stderr.contains("can be read by others: run chmod 600"), "\(open.stderr)")
    #expect(!FileManager.default.fileExists(atPath: home.config))
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
    let kept = try home.initialise(args)
    #expect(kept.status == 0, "\(kept.stderr)")
    let text = try String(contentsOfFile: home.config, encoding: .utf8)
    #expect(text.contains("client_secret_command = \"cat '\(file)'\""), "\(text)")
  }

  @Test func aWrongAnswerIsNamedAndNothingIsWritten() throws {
    let sandbox = try SandboxProcess(messages: 20)
    defer { sandbox.stop() }
    let home = Home()
    defer { try? FileManager.default.removeItem(at: home.dir) }
    let me = "Practitioner/\(sandbox.practitioner)"
    let base = ["--client-id", "demo", "--secret-env", "CANVAS_SECRET", "--passphrase-stdin", "--no-doctor"]
    let away = try home.initialise(["--server", "http://127.0.0.1:9", "--as", me] + base)
    #expect(away.status == 1 && away.stderr.contains("no FHIR server answers at http://127.0.0.1:9"), "\(away.stderr)")
    let refused = try home.initialise(["--server", sandbox.url, "--as", me] + base, secret: "guess")
    #expect(refused.status == 1 && refused.stderr.contains("refused client demo"), "\(refused.stderr)")
    let nobody = try home.initialise(["--server", sandbox.url, "--as", "Practitioner/nobody"] + base)
    #expect(nobody.status == 1 && nobody.stderr.contains("no Practitioner/nobody"), "\(nobody.stderr)")
    let unasked = try home.initialise(["--as", me] + base)
    #expect(unasked.status == 1 && unasked.stderr.contains("give --server URL"), "\(unasked.stderr)")
    #expect(!FileManager.default.fileExists(atPath: home.config), "nothing written")
  }
}
