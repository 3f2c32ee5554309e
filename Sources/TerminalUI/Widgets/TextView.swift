/// Lines of text in a rectangle from line `top` on; each line sanitised where it is drawn.
public enum TextView {
  public static func draw(_ lines: [(text: String, role: Role)], top: Int = 0, in rect: Rect, into g: inout Grid) {
    guard !rect.isEmpty else { return }
    for row in 0..<rect.height {
      let i = top + row
      guard i >= 0, i < lines.count else { break }
      g.put(TextLayout.truncate(Sanitizer.line(lines[i].text), to: rect.width), x: rect.x, y: rect.y + row,
            role: lines[i].role, maxWidth: rect.width)
    }
  }

  /// `text` word-wrapped to the rectangle's width, one role for all of it.
  public static func draw(wrapping text: String, role: Role = .normal, in rect: Rect, into g: inout Grid) {
    let lines = TextLayout.wrap(Sanitizer.text(text), width: rect.width).map { (text: $0, role: role) }
    draw(lines, in: rect, into: &g)
  }
}
