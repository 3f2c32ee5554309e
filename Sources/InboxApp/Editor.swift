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
  /// The column Up and Down keep, while the cursor stays where the last of them left it.
  struct Goal: Equatable, Sendable { var column: Int; var cursor: Int; var count: Int }
  var goal: Goal?

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
}
