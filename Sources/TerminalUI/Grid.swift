/// A frame: a grid of cells that screens draw into and the terminal backend flushes.
/// Tests compare its text (`lines`), never escape sequences.
public struct Grid: Equatable, Sendable {
  public struct Cell: Equatable, Sendable {
    /// The grapheme shown; `nil` marks the second column of a wide character.
    public var character: Character?
    public var role: Role
    public static let blank = Cell(character: " ", role: .normal)
  }

  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// Where the hardware cursor rests (the selected row), so screen readers follow the selection.
  public var cursor: (x: Int, y: Int)?

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public static func == (a: Grid, b: Grid) -> Bool {
    a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x
        && a.cursor?.y == b.cursor?.y
  }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  /// Paints a row span with a role (blanks), e.g. a highlighted selection bar.
  public mutating func fill(y: Int, x: Int = 0, width w: Int? = nil, role: Role) {
    guard y >= 0, y < height else { return }
    let end = min(width, x + (w ?? width - x))
    var i = max(0, x)
    guard i < end else { return }
    // Only the span's ends can cut a wide character in two.
    breakWide(x: i, y: y)
    breakWide(x: end - 1, y: y)
    while i < end { self[i, y] = Cell(character: " ", role: role); i += 1 }
  }

  /// Before a cell is written: a wide character it is half of is blanked whole, so no half of one is left behind
  /// (a left half alone would spill over its neighbour; a right half alone is a cell the terminal never gets).
  /// An overlay drawn over a row of CJK and closed again leaves every cell as it was.
  mutating func breakWide(x: Int, y: Int) {
    guard x >= 0, x < width else { return }
    let i = y * width + x
    if cells[i].character == nil {
      if x > 0 { cells[i - 1].character = " " }
      cells[i].character = " "
    } else if x + 1 < width, cells[i + 1].character == nil, let c = cells[i].character, !c.isASCII {
      cells[i + 1].character = " "
    }
  }

  /// Every right half follows a left half of width 2, and every wide character has its right half: what the
  /// terminal backend needs to draw the row as the grid holds it.
  public var wideCharactersWhole: Bool {
    for y in 0..<height {
      var x = 0
      while x < width {
        guard let c = self[x, y].character else { return false }
        if CellWidth.of(c) == 2 {
          guard x + 1 < width, self[x + 1, y].character == nil else { return false }
          x += 2
        } else {
          x += 1
        }
      }
    }
    return true
  }

  /// Writes `text` at (x, y) as one line, clipped to `maxWidth` columns and the grid. Whatever it holds is made
  /// inert here (`Sanitizer.line`), so no screen can forget: an escape, a control or a bidi override never reaches
  /// the terminal. A wide character that would straddle the edge is replaced by a space. Returns the columns used.
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, role: Role, maxWidth: Int? = nil) -> Int {
    guard y >= 0, y < height, x < width else { return 0 }
    let text = Sanitizer.line(text)
    let limit = min(width, x + (maxWidth ?? width))
    var col = x
    for ch in text {
      let w = CellWidth.of(ch)
      if w == 0 {
        // A lone combining mark or format character: attach it to the previous cell if there is one.
        if col > x, col - 1 >= 0, col - 1 < width, let prev = self[col - 1, y].character {
          self[col - 1, y].character = Character(String(prev) + String(ch))
        }
        continue
      }
      if col + w > limit {
        if col < limit {
          breakWide(x: col, y: y)
          self[col, y] = Cell(character: " ", role: role)
          col += 1
        }
        break
      }
      if col >= 0 {
        breakWide(x: col, y: y)
        if w == 2 { breakWide(x: col + 1, y: y) }
        self[col, y] = Cell(character: ch, role: role)
        if w == 2 { self[col + 1, y] = Cell(character: nil, role: role) }
      }
      col += w
    }
    return col - x
  }

  /// The text of each row, trailing blanks trimmed: what a person would read off the screen.
  public var lines: [String] {
    (0..<height).map { y in
      var s = ""
      for x in 0..<width { if let c = self[x, y].character { s.append(c) } }
      while s.hasSuffix(" ") { s.removeLast() }
      return s
    }
  }

  public var text: String { lines.joined(separator: "\n") }
}
