/// A framed box with a title, its inside cleared: what overlays draw in.
public enum Box {
  /// Draws the frame over `rect` and returns the inside.
  @discardableResult
  public static func draw(_ title: String, in rect: Rect, into g: inout Grid) -> Rect {
    guard rect.height >= 2, rect.width >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
    for row in rect.y..<rect.bottom { g.fill(y: row, x: rect.x, width: rect.width, role: .normal) }
    let horizontal = String(repeating: "─", count: rect.width - 2)
    g.put("┌" + horizontal + "┐", x: rect.x, y: rect.y, role: .banner)
    g.put("└" + horizontal + "┘", x: rect.x, y: rect.bottom - 1, role: .banner)
    for row in (rect.y + 1)..<(rect.bottom - 1) {
      g.put("│", x: rect.x, y: row, role: .banner)
      g.put("│", x: rect.x + rect.width - 1, y: row, role: .banner)
    }
    g.put(" " + TextLayout.truncate(title, to: max(0, rect.width - 4)) + " ", x: rect.x + 1, y: rect.y, role: .banner)
    return rect.inset(1)
  }
}
