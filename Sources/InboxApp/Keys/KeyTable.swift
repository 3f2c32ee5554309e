/// The README's table of keys, made from the action table so that the two cannot disagree.
import Foundation

public enum KeyTable {
  /// The modes as the README's columns name them.
  static let columns: [(title: String, mode: Mode)] = [
    ("inbox", .list), ("thread", .thread), ("compose", .editor), ("pickers", .picker), ("prompts", .prompt),
    ("help", .help), ("questions", .confirm), ("after ;", .tagged),
    ("check-in", .form),
  ]

  /// One row per command: its name, what it does, and its keys in each mode where it acts.
  public static func markdown(keys: KeyMap = KeyMap()) -> String {
    var lines = ["| command | what it does | " + columns.map(\.title).joined(separator: " | ") + " |",
                 "|---|---|" + columns.map { _ in "---|" }.joined()]
    for c in Command.allCases {
      let cells = columns.map { column -> String in
        guard c.info.modes.contains(column.mode) else { return "" }
        return c.effectiveKeys(in: column.mode, keys: keys).map { "`\(escape(KeyMap.name($0)))`" }
          .joined(separator: " ")
      }
      lines.append("| `\(c.rawValue)` | \(escape(c.info.help)) | " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  /// `|` would end a Markdown cell.
  static func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
