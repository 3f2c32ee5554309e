/// The editor's keys as a shell has them (readline): cutting to the line's ends or a word back into one kill
/// buffer, yanking it back, and Tab from one ⟦placeholder⟧ to the next, selected so that typing replaces it.
extension Editor {
  /// Ctrl-K: to the end of the line (at its end, the line break).
  public mutating func killToLineEnd() {
    let end = lineEnd
    kill(cursor..<(end == cursor ? min(characters.count, end + 1) : end))
  }

  /// Ctrl-U: to the start of the line.
  public mutating func killToLineStart() { kill(lineStart..<cursor) }

  /// Ctrl-W: the word before the cursor, and the spaces after it.
  public mutating func killWordBack() {
    var i = cursor
    while i > 0 && characters[i - 1].isWhitespace { i -= 1 }
    while i > 0 && !characters[i - 1].isWhitespace { i -= 1 }
    kill(i..<cursor)
  }

  /// Ctrl-Y: what was cut last, at the cursor.
  public mutating func yank() { insert(killed) }

  private mutating func kill(_ range: Range<Int>) {
    selection = nil
    guard !range.isEmpty else { return }
    snapshot()
    killed = String(characters[range])
    characters.removeSubrange(range)
    cursor = range.lowerBound
  }

  /// Tab (Shift-Tab back): the next ⟦placeholder⟧ after the cursor, round to the first, selected whole.
  /// False when the text has none.
  @discardableResult
  public mutating func selectPlaceholder(forward: Bool = true) -> Bool {
    var found: [Range<Int>] = []
    var open: Int?
    for (i, c) in characters.enumerated() {
      if c == "⟦" { open = i } else if c == "⟧", let start = open { found.append(start..<(i + 1)); open = nil }
    }
    guard !found.isEmpty else { return false }
    let from = selection ?? cursor..<cursor
    let next = forward ? found.first { $0.lowerBound > from.lowerBound } ?? found[0]
                       : found.last { $0.lowerBound < from.lowerBound } ?? found[found.count - 1]
    selection = next
    cursor = next.lowerBound
    return true
  }

  /// Ctrl-Q: the answered message at the cursor, each line marked `> `, on lines of its own, a blank line after.
  public mutating func quote(_ text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let quoted = lines.map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
    let before = lineStart == cursor ? "" : "\n"
    insert(before + quoted + "\n\n")
  }
}
