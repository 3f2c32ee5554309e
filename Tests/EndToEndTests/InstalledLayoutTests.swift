import Foundation
import Testing

/// clinbox installed away from its build: the binary under `<prefix>/bin`, what it ships under
/// `<prefix>/share/clinbox` (as `scripts/stage` lays it out for `scripts/install` and the package). Its version is the
/// one the packaging wrote; a plain build says `dev`.
@Suite struct InstalledLayoutTests {
  /// Runs the copied binary. A copy just written can be "text file busy" (ETXTBSY) for a moment: another test's
  /// child, forked while the copy's file was open, holds it until it execs.
  static func run(_ args: [String], _ binary: String) throws -> Run {
    for _ in 0..<50 {
      do { return try clinbox(args, binary: binary) } catch Child.SpawnError.failed(_, let code) where code == ETXTBSY {
        usleep(100_000)
      }
    }
    return try clinbox(args, binary: binary)
  }

  @Test func aPlainBuildSaysDevAndAnInstalledOneItsVersion() throws {
    let plain = try clinbox(["--version"])
    #expect(plain.status == 0 && plain.stdout == "clinbox dev\n", "\(plain.stdout)")

    // Beside the build, so the binary is hard-linked, not copied: a copy's open file, inherited by another test's
    // long-lived child, leaves it "text file busy" for good.
    let prefix = URL(fileURLWithPath: clinboxBinary).deletingLastPathComponent()
      .appendingPathComponent("clinbox-prefix-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: prefix) }
    let share = prefix.appendingPathComponent("share/clinbox")
    try FileManager.default.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
    let installed = prefix.appendingPathComponent("bin/clinbox")
    try FileManager.default.linkItem(atPath: clinboxBinary, toPath: installed.path)
    try "0.25.0 (abc1234)\n".write(to: share.appendingPathComponent("VERSION"), atomically: true, encoding: .utf8)
    let version = try Self.run(["--version"], installed.path)
    #expect(version.stdout == "clinbox 0.25.0 (abc1234)\n", "\(version.stdout) \(version.stderr)")
    let templates = try Self.run(["templates"], installed.path)
    #expect(templates.status == 0 && templates.stdout.contains("appointment-reminder"),
            "the shipped templates found from anywhere: \(templates.stdout) \(templates.stderr)")
  }
}
