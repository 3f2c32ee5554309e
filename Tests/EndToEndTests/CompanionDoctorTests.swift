import Foundation
import Testing

/// `doctor` and the companion plugin (companion-api.md's `/v1/info`), against the sandbox serving the contract:
/// its version and whether it delivers when configured; what is wrong with the key, and that clinbox works without
/// it, when not; a warning when the plugin and the profile's own webhook would both deliver.
@Suite(.serialized) struct CompanionDoctorTests {
  func doctor(_ sandbox: SandboxProcess, companion: Bool, webhook: Bool, key: String?) throws -> Run {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("clinbox"),
                                            withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var profile = clinicProfile(sandbox, cacheIn: dir)
    if companion { profile += "companion = { api_key_env = \"COMPANION_KEY\" }\n" }
    if webhook { profile += "webhook = { url = \"http://127.0.0.1:9/app\" }\n" }
    try profile.write(to: dir.appendingPathComponent("clinbox/config.toml"), atomically: true, encoding: .utf8)
    var env = ["XDG_CONFIG_HOME": dir.path, "CANVAS_SECRET": "demo"]
    if let key { env["COMPANION_KEY"] = key }
    return try clinbox(["doctor"], env: env)
  }

  @Test func doctorShowsThePluginOrSaysClinboxWorksWithoutIt() throws {
    let sandbox = try SandboxProcess(messages: 20)
    defer { sandbox.stop() }
    let without = try doctor(sandbox, companion: false, webhook: false, key: nil)
    #expect(without.status == 0 && without.stdout.contains("✔ companion: not configured — clinbox works as without it"),
            "\(without.stdout)")
    let with = try doctor(sandbox, companion: true, webhook: true, key: "demo")
    #expect(with.status == 0)
    #expect(with.stdout.contains("✔ companion: clinbox_companion 0.1.0 at \(sandbox.url)/plugin-io/api/clinbox_companion"
                                   + ", delivery to the patient's app off"), "\(with.stdout)")
    #expect(!with.stdout.contains("both deliver"), "the plugin does not deliver: clinbox's own webhook is the one")
    let wrong = try doctor(sandbox, companion: true, webhook: false, key: "guess")
    #expect(wrong.status == 0, "the companion is needed for nothing clinbox did before")
    #expect(wrong.stdout.contains("! companion: the companion refused the key (401) — clinbox works as without it"))
    #expect(wrong.stdout.contains("set COMPANION_KEY to the api-key the plugin was installed with"))
    let unset = try doctor(sandbox, companion: true, webhook: false, key: nil)
    #expect(unset.stdout.contains("! companion: COMPANION_KEY is not set"), "\(unset.stdout)")
  }

  @Test func bothDeliveringIsWarnedAndAMissingPluginIsSaid() throws {
    let delivering = try SandboxProcess(messages: 20, options: ["--companion-delivers"])
    defer { delivering.stop() }
    let both = try doctor(delivering, companion: true, webhook: true, key: "demo")
    #expect(both.stdout.contains("delivery to the patient's app on"), "\(both.stdout)")
    #expect(both.stdout.contains("! delivery: the companion and this profile's webhook both deliver"))
    let bare = try SandboxProcess(messages: 20, options: ["--companion-key", "none"])
    defer { bare.stop() }
    let missing = try doctor(bare, companion: true, webhook: false, key: "demo")
    #expect(missing.stdout.contains("! companion: the companion plugin is not installed on this Canvas instance (404)"),
            "\(missing.stdout)")
  }
}
