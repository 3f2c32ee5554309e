import TerminalUI

/// One screen row of the text in the compose pane: the characters `start..<end` (a line break not counted).
public struct EditorRow: Equatable, Sendable {
  public var start: Int
  public var end: Int
  /// The row was wrapped (the paragraph goes on below), rather than ended by a line break or the text's end: the
  /// cursor at `end` is drawn at the start of the next row.
  public var wrapped: Bool
}

/// Soft-wrap as a reader expects it: a row breaks after the spaces that end a word, so no word is cut in two; a
/// word longer than the row breaks by grapheme (a CJK character, an emoji and a letter with its marks are one).
/// Spaces at a break hang past the edge rather than starting the next row.
extension Editor {
  public func rows(width: Int) -> [EditorRow] {
    let w = max(1, width)
    var rows: [EditorRow] = []
    var start = 0
    var used = 0
    /// Where the row may break: just after the last run of spaces in it.
    var breakAt: Int?
    var i = 0
    while i < characters.count {
      let ch = characters[i]
      if ch == "\n" {
        rows.append(EditorRow(start: start, end: i, wrapped: false))
        start = i + 1
        used = 0
        breakAt = nil
        i += 1
        continue
      }
      let cw = CellWidth.of(ch)
      if ch.isWhitespace {
        used += cw
        breakAt = i + 1
        i += 1
        continue
      }
      if used + cw > w && i > start {
        let at = breakAt ?? i
        rows.append(EditorRow(start: start, end: at, wrapped: true))
        start = at
        used = self.width(of: at..<i)
        breakAt = nil
      }
      used += cw
      i += 1
    }
    rows.append(EditorRow(start: start, end: characters.count, wrapped: false))
    return rows
  }

  func width(of range: Range<Int>) -> Int {
    var total = 0
    for i in range { total += CellWidth.of(characters[i]) }
    return total
  }

  /// The row the offset is drawn on and its column in cells.
  func place(_ offset: Int, in rows: [EditorRow]) -> (row: Int, column: Int) {
    for (r, row) in rows.enumerated() where offset >= row.start {
      let onRow = offset < row.end || !row.wrapped && offset == row.end
      if onRow { return (r, width(of: row.start..<offset)) }
    }
    let last = rows.count - 1
    return (last, width(of: rows[last].start..<min(offset, rows[last].end)))
  }

  /// The offset on a row nearest a column: the cursor never lands inside a wide character, and on a wrapped row
  /// never at its end (that place is the next row's start).
  func offset(atColumn column: Int, of row: EditorRow) -> Int {
    let last = row.wrapped ? max(row.start, row.end - 1) : row.end
    var used = 0
    var i = row.start
    while i < last {
      let cw = CellWidth.of(characters[i])
      if used + cw > column { break }
      used += cw
      i += 1
    }
    return i
  }

  /// Where character `offset` falls in the text wrapped to `width` columns.
  public func position(of offset: Int, width: Int) -> (row: Int, column: Int) {
    place(max(0, min(offset, characters.count)), in: rows(width: width))
  }

  /// The text wrapped to `width` columns, and the cursor's row and column in it. The cursor after the last cell of
  /// a full last row is drawn at the start of a row below.
  public func layout(width: Int) -> (lines: [String], row: Int, column: Int) {
    let all = rows(width: width)
    var lines = all.map { String(characters[$0.start..<$0.end]) }
    var (row, column) = place(cursor, in: all)
    if column >= max(1, width) && row == all.count - 1 {
      lines.append("")
      row += 1
      column = 0
    }
    return (lines, row, column)
  }

  /// Up and Down move by screen row, keeping the column the cursor had when vertical moves began.
  public mutating func up(width: Int) { moveRow(by: -1, width: width) }
  public mutating func down(width: Int) { moveRow(by: 1, width: width) }

  private mutating func moveRow(by delta: Int, width: Int) {
    selection = nil
    let all = rows(width: width)
    let (row, here) = place(cursor, in: all)
    let kept = goal.flatMap { $0.cursor == cursor && $0.count == characters.count ? $0.column : nil }
    let column = kept ?? here
    let target = row + delta
    if target < 0 {
      cursor = 0
    } else if target >= all.count {
      cursor = characters.count
    } else {
      cursor = offset(atColumn: column, of: all[target])
    }
    goal = Goal(column: column, cursor: cursor, count: characters.count)
  }
}
