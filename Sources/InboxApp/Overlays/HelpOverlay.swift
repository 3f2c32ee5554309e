import TerminalUI

/// `?` (F1 where letters are text): the keys of the mode underneath, filtered as one types, scrolled by the
/// list keys; closing it goes back to what was open.
public struct HelpOverlay: Equatable {
  public var mode: Mode
  public var filter = ""
  public var scroll = ListScroll()
  /// The overlay help was opened over, open again when help closes.
  public var under: Overlay?

  public init(mode: Mode, under: Overlay? = nil) { self.mode = mode; self.under = under }

  public func rows(keys: KeyMap) -> [(keys: String, name: String, help: String)] {
    let f = filter.lowercased()
    return Command.of(mode).compactMap { c in
      let k = c.effectiveKeys(in: mode, keys: keys).map(KeyMap.name).joined(separator: " ")
      guard !k.isEmpty else { return nil }
      guard f.isEmpty || c.rawValue.contains(f) || c.info.help.lowercased().contains(f) || k.lowercased().contains(f)
      else { return nil }
      return (k, c.rawValue, c.info.help)
    }
  }

  func run(_ command: Command, _ state: inout AppState) -> [Effect] {
    var h = self
    let count = rows(keys: state.keys).count
    let visible = Self.frame(state.bounds, count: count).height - 3   // less the frame and the filter line
    if move(command, &h.scroll, count: count, visible: visible, text: true) {
      state.overlay = .help(h)
      return []
    }
    switch command {
    case .deleteBack: if !h.filter.isEmpty { h.filter.removeLast() }; h.scroll = ListScroll()
    case .cancel, .help: state.overlay = under; return []
    default: return []
    }
    state.overlay = .help(h)
    return []
  }

  /// The box: as tall as the rows need, within the screen.
  static func frame(_ screen: Rect, count: Int) -> Rect { screen.centred(width: 96, height: count + 4) }

  func draw(_ state: AppState, into g: inout Grid) {
    let rows = rows(keys: state.keys)
    let title = "Keys — \(mode.title) — type to search, Esc closes"
    let inside = Box.draw(title, in: Self.frame(g.bounds, count: rows.count), into: &g)
    guard inside.height > 0 else { return }
    let (field, list) = inside.splitTop(1)
    drawFilterLine(filter, in: field, into: &g, prefix: "/ ")
    if rows.isEmpty { g.put("no key matches", x: list.x, y: list.y, role: .dim); return }
    // Keys, name and what it does in three columns; the selection only scrolls, so it is not marked.
    let keyWidth = min(20, rows.map { CellWidth.of($0.keys) }.max() ?? 0)
    let nameWidth = rows.map { CellWidth.of($0.name) }.max() ?? 0
    var s = scroll
    s.keepInView(count: rows.count, visible: list.height)
    let lines = rows.dropFirst(s.top).map { row in
      (text: TextLayout.pad(row.keys, to: keyWidth) + "  " + TextLayout.pad(row.name, to: nameWidth) + "  " + row.help,
       role: Role.normal)
    }
    TextView.draw(Array(lines), in: list, into: &g)
    g.cursor = (list.x, list.y)
  }
}
