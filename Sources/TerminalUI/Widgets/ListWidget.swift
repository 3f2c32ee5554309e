/// Where a list stands: the selected entry and the first one shown. Kept in the app's state; the widget owns
/// nothing.
public struct ListScroll: Equatable, Sendable {
  public var selected = 0
  public var top = 0

  public init(selected: Int = 0, top: Int = 0) { self.selected = selected; self.top = top }

  /// Moves the selection by `delta` within `count` entries and keeps it among the `visible` rows shown.
  public mutating func move(by delta: Int, count: Int, visible: Int) {
    selected = max(0, min(selected + delta, count - 1))
    keepInView(count: count, visible: visible)
  }

  /// Scrolls text that has no selection: the window moves, the first line shown is the one "selected".
  public mutating func scroll(by delta: Int, count: Int, visible: Int) {
    top = max(0, min(top + delta, count - max(1, visible)))
    selected = top
  }

  /// The selection inside the list and on screen, the window no further down than it needs to be.
  public mutating func keepInView(count: Int, visible: Int) {
    let h = max(1, visible)
    selected = max(0, min(selected, count - 1))
    if selected < top { top = selected }
    if selected >= top + h { top = selected - h + 1 }
    top = max(0, min(top, count - h))
  }
}

/// Draws the entries of a list that are in view, the selected one marked by `›`, its role and the cursor.
/// Each entry's text is server text as often as not: it is sanitised here, so no list can forget.
public enum ListWidget {
  public static func draw(count: Int, scroll: ListScroll, in rect: Rect, into g: inout Grid,
                          entry: (Int) -> (text: String, role: Role)) {
    guard !rect.isEmpty else { return }
    var s = scroll
    s.keepInView(count: count, visible: rect.height)
    for row in 0..<min(rect.height, max(0, count - s.top)) {
      let i = s.top + row
      let (text, role) = entry(i)
      let selected = i == s.selected
      let shown: Role = selected ? (role == .unread ? .selectedUnread : .selected) : role
      let y = rect.y + row
      if selected {
        g.fill(y: y, x: rect.x, width: rect.width, role: shown)
        g.cursor = (rect.x, y)
      }
      let line = (selected ? "› " : "  ") + Sanitizer.line(text)
      g.put(TextLayout.truncate(line, to: rect.width), x: rect.x, y: y, role: shown, maxWidth: rect.width)
    }
  }
}
