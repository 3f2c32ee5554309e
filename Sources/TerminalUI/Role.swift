/// What a cell is, not how it looks: the backend (and, later, themes) decide colours and attributes.
/// Nothing is told by colour alone — unread rows also carry a mark, the selection also the cursor.
public enum Role: String, Sendable, CaseIterable {
  case normal
  case selected
  case unread
  case selectedUnread
  case header
  case status
  case dim
  case banner
  case warning
  /// What must not wait: an urgent count, a wait past the clinic's alarm, an overdue routing.
  case alarm
}

extension Role {
  /// One letter a role, for frame snapshots: a selection or an unread row that loses its style fails a test.
  public var letter: Character {
    switch self {
    case .normal: return "."
    case .selected: return "s"
    case .unread: return "u"
    case .selectedUnread: return "S"
    case .header: return "h"
    case .status: return "t"
    case .dim: return "d"
    case .banner: return "b"
    case .warning: return "w"
    case .alarm: return "a"
    }
  }
}

extension Grid {
  /// Each row's roles as letters (`Role.letter`), a letter a column, trailing plain cells trimmed.
  public var roleLines: [String] {
    (0..<height).map { y in
      var s = String((0..<width).map { self[$0, y].role.letter })
      while s.hasSuffix(".") { s.removeLast() }
      return s
    }
  }

  /// What a frame snapshot records: the text a person reads, then the role of every cell.
  public var snapshot: String { text + "\n--- roles\n" + roleLines.joined(separator: "\n") }
}
