import Foundation
import Testing

/// `man clinbox` (`docs/clinbox.1`, written by `scripts/manual`) against the command line's own declarations: a
/// subcommand or an option the page does not show fails here, so the manual cannot fall behind the binary.
@Suite struct ManualTests {
  struct Command: Decodable {
    struct Argument: Decodable {
      struct Name: Decodable { let kind: String; let name: String }
      let names: [Name]?
      let shouldDisplay: Bool
    }
    let commandName: String
    let arguments: [Argument]?
    let subcommands: [Command]?
    let shouldDisplay: Bool
  }
  struct Dump: Decodable { let command: Command }

  /// The page's part for a subcommand: from its `.It Em <name>` to the next subcommand's.
  static func section(_ page: String, _ name: String) -> Substring? {
    guard let start = page.range(of: ".It Em \(name)\n") else { return nil }
    let rest = page[start.upperBound...]
    return rest[..<(rest.range(of: ".It Em ")?.lowerBound ?? rest.endIndex)]
  }

  @Test func everySubcommandAndOptionIsInTheManual() throws {
    let dump = try clinbox(["--experimental-dump-help"])
    let root = try JSONDecoder().decode(Dump.self, from: Data(dump.stdout.utf8)).command
    let page = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../docs/clinbox.1"), encoding: .utf8)
    var missing: [String] = []
    var checked = 0
    func check(_ command: Command, path: String) {
      for sub in command.subcommands ?? [] where sub.shouldDisplay && sub.commandName != "help" {
        let name = path.isEmpty ? sub.commandName : "\(path) \(sub.commandName)"
        guard let part = Self.section(page, sub.commandName) else { missing.append(name); continue }
        for argument in sub.arguments ?? [] where argument.shouldDisplay {
          for long in (argument.names ?? []).filter({ $0.kind == "long" }) {
            checked += 1
            // `Fl -name`, or `Fl h , -name` where a short name comes first.
            if !part.contains("Fl -\(long.name)") && !part.contains(" , -\(long.name)") {
              missing.append("\(name) --\(long.name)")
            }
          }
        }
        check(sub, path: name)
      }
    }
    check(root, path: "")
    #expect(checked > 100, "the options were read from the binary: \(checked)")
    #expect(missing.isEmpty, "not in docs/clinbox.1 (run scripts/manual): \(missing)")
    #expect(page.contains(".Sh CONFIGURATION") && page.contains(".Sh FILES") && page.contains(".Sh ENVIRONMENT"))
  }
}
