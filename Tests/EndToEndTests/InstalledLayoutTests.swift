import Foundation
import Testing

/// clinbox installed away from its build: the binary under `<prefix>/bin`, what it ships under
/// `<prefix>/share/clinbox` (as `scripts/stage` lays it out for `scripts/install` and the package). Its version is the
/// one the packaging wrote; a plain build says `dev`.
@Suite struct InstalledLayoutTests {
  @Test func aPlainBuildSaysDevAndAnInstalledOneItsVersion() throws {
    let plain = try clinbox(["--version"])
    #expect(plain.status == 0 && plain.stdout == "clinbox dev\n", "\(plain.stdout)")

    let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-prefix-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: prefix) }
    let share = prefix.appendingPathComponent("share/clinbox")
    try FileManager.default.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
    let installed = prefix.appendingPathComponent("bin/clinbox")
    try FileManager.default.copyItem(atPath: clinboxBinary, toPath: installed.path)
    try "0.25.0 (abc1234)\n".write(to: share.appendingPathComponent("VERSION"), atomically: true, encoding: .utf8)
    let version = try clinbox(["--version"], binary: installed.path)
    #expect(version.stdout == "clinbox 0.25.0 (abc1234)\n", "\(version.stdout) \(version.stderr)")
    let templates = try clinbox(["templates"], binary: installed.path)
    #expect(templates.status == 0 && templates.stdout.contains("appointment-reminder"),
            "the shipped templates found from anywhere: \(templates.stdout) \(templates.stderr)")
  }
}
