/// The README's table of keys, made from the action table so that the two cannot disagree.
public enum KeyTable {
  static let columns: [(title: String, screen: AppState.Screen)] = [("inbox", .inbox), ("thread", .thread), ("compose", .compose)]

  /// One row per command: its name, what it does, and its keys on each screen where it applies.
  public static func markdown(keys: KeyMap = KeyMap()) -> String {
    var lines = ["| command | what it does | " + columns.map(\.title).joined(separator: " | ") + " |",
                 "|---|---|" + columns.map { _ in "---|" }.joined()]
    for c in Command.allCases {
      let cells = columns.map { column -> String in
        guard c.info.screens.contains(column.screen) else { return "" }
        return c.effectiveKeys(on: column.screen, keys: keys).map { "`\(escape(KeyMap.name($0)))`" }.joined(separator: " ")
      }
      lines.append("| `\(c.rawValue)` | \(c.info.help) | " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  /// `|` would end a Markdown cell.
  static func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
