import Foundation
import Testing

/// The clinic's defaults (`/etc/clinbox/config.toml`, here `CLINBOX_SYSTEM_CONFIG`) beneath a user's own config:
/// the clinic's server and client come through, the user's own keys win, but the idle lock cannot be loosened and
/// the times are the clinic's zone; `doctor` says so.
@Suite struct ClinicDefaultsTests {
  func doctor(_ sandbox: SandboxProcess, userLock: String, zone: String = "America/New_York") throws -> Run {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("clinbox"),
                                            withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let clinic = """
      default = "clinic"
      lock_after = 5
      time_zone = "\(zone)"

      [profiles.clinic]
      server = "\(sandbox.url)"
      client_id = "demo"
      client_secret_env = "CANVAS_SECRET"
      """
    try clinic.write(to: dir.appendingPathComponent("etc.toml"), atomically: true, encoding: .utf8)
    let mine = """
      lock_after = \(userLock)

      [profiles.clinic]
      as = "Practitioner/\(sandbox.practitioner)"
      cache = "\(dir.appendingPathComponent("cache.sqlite").path)"
      """
    try mine.write(to: dir.appendingPathComponent("clinbox/config.toml"), atomically: true, encoding: .utf8)
    return try clinbox(["doctor"], env: ["XDG_CONFIG_HOME": dir.path, "CANVAS_SECRET": "demo",
                                         "CLINBOX_SYSTEM_CONFIG": dir.appendingPathComponent("etc.toml").path])
  }

  @Test func theClinicsServerComesThroughAndItsLockCannotBeLoosened() throws {
    let sandbox = try SandboxProcess(messages: 20)
    defer { sandbox.stop() }
    let loose = try doctor(sandbox, userLock: "30")
    #expect(loose.status == 0, "\(loose.stdout) \(loose.stderr)")
    #expect(loose.stdout.contains("the screen locks after 5 min, times in America/New_York"), "\(loose.stdout)")
    #expect(loose.stdout.contains("✔ acting practitioner: Priya Raman MD"), "the clinic's server and client")
    let never = try doctor(sandbox, userLock: "0")
    #expect(never.stdout.contains("the screen locks after 5 min"), "never is looser than the clinic allows")
    let tighter = try doctor(sandbox, userLock: "2")
    #expect(tighter.stdout.contains("the screen locks after 2 min"), "a user may lock sooner")
    let wrongZone = try doctor(sandbox, userLock: "2", zone: "Mars/Olympus")
    #expect(wrongZone.status == 1)
    #expect(wrongZone.stdout.contains("time_zone \"Mars/Olympus\" is not a time zone"), "\(wrongZone.stdout)")
  }
}
