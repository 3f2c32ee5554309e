import Foundation
import Testing

/// Every TOML example in the README and the docs is a config `clinbox doctor` accepts as it is written: a
/// newcomer who copies one gets a working config, not "should be a number of minutes".
@Suite struct ConfigExampleTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The ```toml blocks of a Markdown file, with the line each starts on.
  static func blocks(_ file: URL) throws -> [(line: Int, text: String)] {
    var out: [(Int, String)] = []
    var current: (Int, [String])?
    for (i, line) in try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n").enumerated() {
      if current == nil, line.trimmingCharacters(in: .whitespaces) == "```toml" { current = (i + 1, []); continue }
      if let c = current, line.trimmingCharacters(in: .whitespaces) == "```" {
        out.append((c.0, c.1.joined(separator: "\n") + "\n"))
        current = nil
        continue
      }
      current?.1.append(line)
    }
    return out
  }

  @Test func everyTOMLExampleIsAcceptedByDoctor() throws {
    let docs = (try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("docs").path))
      .filter { $0.hasSuffix(".md") }.map { Self.root.appendingPathComponent("docs/\($0)") }
    let files = [Self.root.appendingPathComponent("README.md")] + docs
    var checked = 0
    for file in files {
      for block in try Self.blocks(file) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let config = home.appendingPathComponent("clinbox/config.toml")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try block.text.write(to: config, atomically: true, encoding: .utf8)
        chmod(config.path, 0o600)
        // The server is one that refuses at once: only the config is judged here.
        let r = try clinbox(["doctor", "--server", "http://127.0.0.1:9", "--cache", home.appendingPathComponent("c.sqlite").path],
                            env: ["XDG_CONFIG_HOME": home.path, "CANVAS_SECRET": "s", "HOOK_SECRET": "h"])
        let place = "\(file.lastPathComponent):\(block.line)"
        #expect(r.stdout.contains("✔ config: "), "\(place) is accepted: \(r.stdout)\(r.stderr)")
        #expect(!r.stdout.contains("✘ config") && !r.stderr.contains("config.toml"), "\(place): \(r.stdout)\(r.stderr)")
        checked += 1
      }
    }
    #expect(checked >= 2, "the README's config and check-in examples at least")
  }
}
