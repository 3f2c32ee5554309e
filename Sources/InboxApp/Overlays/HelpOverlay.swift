import TerminalUI

/// `?` (F1 where letters are text): the keys of the mode underneath, filtered as one types, scrolled by the
/// list keys; closing it goes back to what was open.
public struct HelpOverlay: Equatable, Sendable {
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

  /// The rows laid out for a box `width` columns inside: keys, name and what it does in three columns, the
  /// description wrapped under itself; keys too long for their column get a line of their own. Too narrow for
  /// three columns, each description goes under its keys.
  func lines(width: Int, keys: KeyMap) -> [String] {
    let rows = rows(keys: keys)
    let keyWidth = min(rows.map { CellWidth.of($0.keys) }.max() ?? 0, max(8, width / 5))
    let nameWidth = rows.map { CellWidth.of($0.name) }.max() ?? 0
    let helpX = keyWidth + 2 + nameWidth + 2
    let indent = { (n: Int) in String(repeating: " ", count: n) }
    guard width - helpX >= 24 else {
      return rows.flatMap { row in
        [TextLayout.truncate(row.keys + "  " + row.name, to: width)]
          + TextLayout.wrap(row.help, width: max(1, width - 4)).map { indent(4) + $0 }
      }
    }
    return rows.flatMap { row -> [String] in
      var out: [String] = []
      var keysText = row.keys
      if CellWidth.of(keysText) > keyWidth {
        out.append(TextLayout.truncate(keysText, to: width))
        keysText = ""
      }
      let help = TextLayout.wrap(row.help, width: width - helpX)
      out.append(TextLayout.pad(keysText, to: keyWidth) + "  " + TextLayout.pad(row.name, to: nameWidth) + "  "
                 + (help.first ?? ""))
      out += help.dropFirst().map { indent(helpX) + $0 }
      return out
    }
  }

  func run(_ command: Command, _ c: OverlayContext) -> OverlayStep {
    var h = self
    let count = lines(width: Self.inner(c.bounds), keys: c.config.keys).count
    let visible = Self.frame(c.bounds, count: count).height - 3   // less the frame and the filter line
    if move(command, &h.scroll, count: count, visible: visible, text: true) { return .stay(.help(h)) }
    switch command {
    case .deleteBack: if !h.filter.isEmpty { h.filter.removeLast() }; h.scroll = ListScroll()
    case .cancel, .help: return under.map { .stay($0) } ?? .close()
    default: break
    }
    return .stay(.help(h))
  }

  /// The box: as tall as the lines need, within the screen.
  static func frame(_ screen: Rect, count: Int) -> Rect { screen.centred(width: 100, height: count + 4) }

  /// The columns inside the box on this screen.
  static func inner(_ screen: Rect) -> Int { max(1, min(100, screen.width) - 2) }

  func draw(_ state: AppState, into g: inout Grid) {
    let lines = lines(width: Self.inner(g.bounds), keys: state.config.keys)
    let title = "Keys — \(mode.title) — type to search, Esc closes"
    let inside = Box.draw(title, in: Self.frame(g.bounds, count: lines.count), into: &g)
    guard inside.height > 0 else { return }
    let (field, list) = inside.splitTop(1)
    drawFilterLine(filter, in: field, into: &g, prefix: "/ ")
    if lines.isEmpty { g.put("no key matches", x: list.x, y: list.y, role: .dim); return }
    // The selection only scrolls, so it is not marked.
    var s = scroll
    s.keepInView(count: lines.count, visible: list.height)
    TextView.draw(lines.dropFirst(s.top).map { (text: $0, role: Role.normal) }, in: list, into: &g)
    g.cursor = (list.x, list.y)
  }
}
