import TerminalUI

/// The text being written, as grapheme clusters (so a cursor never splits an emoji, a CJK character or a
/// letter with its combining marks), with undo and redo.
public struct Editor: Equatable, Sendable {
  public internal(set) var characters: [Character]
  public internal(set) var cursor: Int
  private struct Snapshot: Equatable, Sendable { var characters: [Character]; var cursor: Int }
  private var undoStack: [Snapshot] = []
  private var redoStack: [Snapshot] = []
  /// What Ctrl-K, Ctrl-U or Ctrl-W cut last, for Ctrl-Y.
  public internal(set) var killed = ""
  /// A placeholder Tab selected: typing replaces it, a move lets it go.
  public internal(set) var selection: Range<Int>?

  public init(text: String = "", cursor: Int? = nil) {
    characters = Array(text)
    self.cursor = max(0, min(cursor ?? characters.count, characters.count))
  }

  public var text: String { String(characters) }
  public var count: Int { characters.count }

  mutating func snapshot() {
    undoStack.append(Snapshot(characters: characters, cursor: cursor))
    if undoStack.count > 500 { undoStack.removeFirst() }
    redoStack.removeAll()
  }

  public mutating func insert(_ s: String) {
    guard !s.isEmpty else { return }
    snapshot()
    if let selected = selection {
      characters.removeSubrange(selected)
      cursor = selected.lowerBound
      selection = nil
    }
    let new = Array(s)
    characters.insert(contentsOf: new, at: cursor)
    cursor += new.count
  }

  /// The whole text replaced (from $EDITOR), as one step undo can take back.
  public mutating func replaceAll(with text: String) {
    snapshot()
    characters = Array(text)
    cursor = characters.count
  }

  public mutating func backspace() {
    if let selected = selection {
      snapshot()
      characters.removeSubrange(selected)
      cursor = selected.lowerBound
      selection = nil
      return
    }
    guard cursor > 0 else { return }
    snapshot()
    characters.remove(at: cursor - 1)
    cursor -= 1
  }

  public mutating func deleteForward() {
    guard cursor < characters.count else { return }
    snapshot()
    characters.remove(at: cursor)
  }

  public mutating func undo() {
    guard let s = undoStack.popLast() else { return }
    redoStack.append(Snapshot(characters: characters, cursor: cursor))
    characters = s.characters; cursor = s.cursor
  }

  public mutating func redo() {
    guard let s = redoStack.popLast() else { return }
    undoStack.append(Snapshot(characters: characters, cursor: cursor))
    characters = s.characters; cursor = s.cursor
  }

  public mutating func left() { selection = nil; cursor = max(0, cursor - 1) }
  public mutating func right() { selection = nil; cursor = min(characters.count, cursor + 1) }

  public mutating func wordLeft() {
    selection = nil
    while cursor > 0 && characters[cursor - 1].isWhitespace { cursor -= 1 }
    while cursor > 0 && !characters[cursor - 1].isWhitespace { cursor -= 1 }
  }

  public mutating func wordRight() {
    selection = nil
    while cursor < characters.count && !characters[cursor].isWhitespace { cursor += 1 }
    while cursor < characters.count && characters[cursor].isWhitespace { cursor += 1 }
  }

  var lineStart: Int { var i = cursor; while i > 0 && characters[i - 1] != "\n" { i -= 1 }; return i }
  var lineEnd: Int { var i = cursor; while i < characters.count && characters[i] != "\n" { i += 1 }; return i }

  public mutating func home() { selection = nil; cursor = lineStart }
  public mutating func end() { selection = nil; cursor = lineEnd }

  /// Up and down keep the column (in characters) on the neighbouring line.
  public mutating func up() {
    selection = nil
    let start = lineStart
    guard start > 0 else { cursor = 0; return }
    let column = cursor - start
    var prevStart = start - 1
    while prevStart > 0 && characters[prevStart - 1] != "\n" { prevStart -= 1 }
    cursor = min(prevStart + column, start - 1)
  }

  public mutating func down() {
    selection = nil
    let column = cursor - lineStart
    let end = lineEnd
    guard end < characters.count else { cursor = characters.count; return }
    let nextStart = end + 1
    var nextEnd = nextStart
    while nextEnd < characters.count && characters[nextEnd] != "\n" { nextEnd += 1 }
    cursor = min(nextStart + column, nextEnd)
  }

  /// Where character `offset` falls in the text wrapped to `width` columns.
  public func position(of offset: Int, width: Int) -> (row: Int, column: Int) {
    var e = self
    e.cursor = max(0, min(offset, characters.count))
    let (_, row, column) = e.layout(width: width)
    return (row, column)
  }

  /// The text wrapped to `width` columns, and the cursor's row and column in it.
  public func layout(width: Int) -> (lines: [String], row: Int, column: Int) {
    let w = max(1, width)
    var lines: [String] = [""]
    var widths = [0]
    var row = 0, column = 0
    for (i, ch) in characters.enumerated() {
      if i == cursor { row = lines.count - 1; column = widths[widths.count - 1] }
      if ch == "\n" { lines.append(""); widths.append(0); continue }
      let cw = CellWidth.of(ch)
      if widths[widths.count - 1] + cw > w { lines.append(""); widths.append(0) }
      lines[lines.count - 1].append(ch)
      widths[widths.count - 1] += cw
    }
    if cursor >= characters.count {
      row = lines.count - 1; column = widths[widths.count - 1]
      if column >= w { lines.append(""); row += 1; column = 0 }
    }
    return (lines, row, column)
  }
}
