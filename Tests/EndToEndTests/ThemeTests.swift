import Foundation
import Testing

/// The shipped themes, how each resolves on 256- and 8-colour terminals, and a theme with a mistake.
@Suite struct ThemeTests {
  @Test(arguments: ["default", "light", "high-contrast", "mono"])
  func eachShippedThemeResolves(name: String) throws {
    let run = try clinbox(["themes", name])
    #expect(run.status == 0, "\(run.stderr)")
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/theme-\(name).txt")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
      try run.stdout.write(to: file, atomically: true, encoding: .utf8)
    }
    // A missing snapshot fails: it is recorded only when asked (RECORD_SNAPSHOTS=1).
    let expected = try #require(try? String(contentsOf: file, encoding: .utf8), "no snapshot theme-\(name).txt")
    #expect(run.stdout == expected)
    #expect(run.stdout.split(separator: "\n").count == 10, "every role has a style")
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
    let demo = "\(clinboxBinary) demo --patient-writes-every 0 --theme mine"
    let t = try Tmux(command: "env XDG_CONFIG_HOME=\(dir.path) \(demo)")
    defer { t.stop() }
    let s = t.waitFor { $0.contains("mine.toml:4") }
    #expect(s.contains("mine.toml:4"))
    t.send("q")
  }

  @Test func coloursReachTheTerminalUnlessNoColorIsSet() throws {
    /// The SGR colour codes of a screen (30–37, 90–97, 38;5;N and their backgrounds), read with capture-pane -e.
    func colours(_ t: Tmux) -> Set<String> {
      let screen = t.screenWithAttributes()
      var found = Set<String>()
      let sgr = try! NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*)m")
      for m in sgr.matches(in: screen, range: NSRange(screen.startIndex..., in: screen)) {
        guard let r = Range(m.range(at: 1), in: screen) else { continue }
        // 39 and 49 are "the terminal's own colours", not a colour.
        for code in screen[r].split(separator: ";") where code.count >= 2 && code != "39" && code != "49"
          && ["3", "4", "9", "10"].contains(where: { code.hasPrefix($0) }) {
          found.insert(String(code))
        }
      }
      return found
    }
    let coloured = try Tmux(command: "\(clinboxBinary) demo --patient-writes-every 0")
    defer { coloured.stop() }
    coloured.waitFor { synced($0) && $0.contains("● ") }
    #expect(!colours(coloured).isEmpty, "the default theme draws in colour")
    coloured.send("q")

    let plain = try Tmux(command: "env NO_COLOR=1 \(clinboxBinary) demo --patient-writes-every 0")
    defer { plain.stop() }
    let s = plain.waitFor { synced($0) && $0.contains("● ") }
    #expect(s.contains("● "), "unread keeps its mark without colour")
    #expect(colours(plain).isEmpty, "NO_COLOR: attributes only, no colour: \(colours(plain))")
    let reverse = try NSRegularExpression(pattern: "\u{1B}\\[([0-9]+;)*7m")
    let attributes = plain.screenWithAttributes()
    #expect(reverse.firstMatch(in: attributes, range: NSRange(attributes.startIndex..., in: attributes)) != nil,
            "the selection still stands out, in reverse")
    plain.send("q")
  }
}
