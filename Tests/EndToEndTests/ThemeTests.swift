import Foundation
import Testing

/// The shipped themes, how each resolves on 256- and 8-colour terminals, and a theme with a mistake.
@Suite struct ThemeTests {
  @Test(arguments: ["default", "light", "high-contrast", "mono"])
  func eachShippedThemeResolves(name: String) throws {
    let run = try clinbox(["themes", name])
    #expect(run.status == 0, "\(run.stderr)")
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/theme-\(name).txt")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil || !FileManager.default.fileExists(atPath: file.path) {
      try run.stdout.write(to: file, atomically: true, encoding: .utf8)
    }
    #expect(run.stdout == (try String(contentsOf: file, encoding: .utf8)))
    #expect(run.stdout.split(separator: "\n").count == 9, "every role has a style")
  }

  @Test func aThemeWithAMistakeIsReportedWithItsLine() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("clinbox/themes"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "[selected]\nfg = \"white\"\n\n[unread]\nfg = \"purpleish\"\n".write(
      to: dir.appendingPathComponent("clinbox/themes/mine.toml"), atomically: true, encoding: .utf8)
    let run = try clinbox(["themes", "mine"], env: ["XDG_CONFIG_HOME": dir.path])
    #expect(run.status == 1)
    #expect(run.stderr.contains("mine.toml:4: \"purpleish\" is not a colour"), "\(run.stderr)")
    // In the inbox the default theme is used and the status line says why.
    let t = try Tmux(command: "env XDG_CONFIG_HOME=\(dir.path) \(clinboxBinary) demo --theme mine")
    defer { t.stop() }
    let s = t.waitFor { $0.contains("mine.toml:4") }
    #expect(s.contains("mine.toml:4"))
    t.send("q")
  }

  @Test func noColorKeepsTheInboxReadable() throws {
    let t = try Tmux(command: "env NO_COLOR=1 \(clinboxBinary) demo")
    defer { t.stop() }
    let s = t.waitFor { synced($0) && $0.contains("● ") }
    #expect(s.contains("● "), "unread keeps its mark without colour")
    t.send("q")
  }
}
