import Foundation
import Testing

/// The config of issue 14 as a user writes it: the clinic's own red-flag phrases mark messages already cached
/// (the Urgent view is worked out again when the lexicon changes), and a mistake is named with its key.
@Suite(.serialized) struct WatchConfigTests {
  func configDir() throws -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: d.appendingPathComponent("clinbox"), withIntermediateDirectories: true)
    return d
  }

  @Test func aClinicsOwnPhraseMarksCachedMessagesAndMistakesAreNamed() throws {
    let sandbox = try SandboxProcess(messages: 40)
    defer { sandbox.stop() }
    let dir = try configDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = dir.appendingPathComponent("clinbox/config.toml").path
    let env = ["XDG_CONFIG_HOME": dir.path, "CLINBOX_CLIENT_ID": "demo", "CLINBOX_CLIENT_SECRET": "demo"]
    let me = "Practitioner/\(sandbox.practitioner)"
    let cache = ["--cache", dir.appendingPathComponent("cache.sqlite").path, "--as", me]
    let patient = try clinbox(["sync", "--server", sandbox.url] + cache, env: env)
    #expect(patient.status == 0, "\(patient.stderr)")
    let someone = try clinbox(["list", "--json"] + cache, env: env).stdout.split(separator: "\n").first
      .flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
      .flatMap { ($0["patient"] as? [String: Any])?["id"] as? String } ?? ""
    let text = "Sudden vision losses in my left eye since noon"
    let recorded = try clinbox(["record", "--patient", someone, "--for", me, "--text", text, "--server", sandbox.url]
                               + ["--cache", dir.appendingPathComponent("desk.sqlite").path, "--as", me], env: env)
    #expect(recorded.status == 0, "\(recorded.stderr)")
    #expect(try clinbox(["sync", "--server", sandbox.url] + cache, env: env).status == 0)
    #expect(!(try clinbox(["list", "--view", "urgent"] + cache, env: env).stdout.contains("vision losses")),
            "not a shipped phrase")

    // The clinic adds its own phrase: the message already cached is marked at the next open.
    try "red_flags = [\"vision loss*\"]\nawaiting_warn = \"12h\"\n".write(toFile: config, atomically: true, encoding: .utf8)
    let urgent = try clinbox(["list", "--view", "urgent"] + cache, env: env)
    #expect(urgent.status == 0, "\(urgent.stderr)")
    #expect(urgent.stdout.contains("⚑ vision loss* — now, the patient's own; words: 'vision losses'") && urgent.stdout.contains("vision losses"))

    // Mistakes, each named with its key and what it should be.
    for (line, says) in [("awaiting_warn = \"soon\"", "awaiting_warn = \"soon\" is not a time"),
                         ("red_flag_files = [\"/nowhere/flags.txt\"]", "red_flag_files names /nowhere/flags.txt"),
                         ("notify_views = [\"mine\", \"everything\"]", "notify_views has no view \"everything\""),
                         ("bell = \"loud\"", "bell should be true or false")] {
      try (line + "\n").write(toFile: config, atomically: true, encoding: .utf8)
      let run = try clinbox(["list", "--count"] + cache, env: env)
      #expect(run.status == 1 && run.stderr.contains(says), "\(line): \(run.stderr)")
    }
  }
}
