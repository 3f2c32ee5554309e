import Clinic
import TerminalUI

/// The sidebar folded into one line under the title, for screens narrower than the list and a sidebar need:
/// `›Unread 3‹  Mine 5  Routed to me  …`, the current view marked (not by colour alone) and always in sight.
enum ViewBar {
  struct Entry {
    var item: Int
    var text: String
    var columns: Range<Int>
  }

  /// The entries as drawn, each with its columns (a click picks one); entries before the current one give way
  /// when the line is too short for all of them.
  static func entries(_ state: AppState) -> [Entry] {
    let current = currentItem(state)
    var texts = sidebarItems(state).enumerated().map { i, item -> (Int, String) in
      let label = (item.isSearch ? "/" : "") + Sanitizer.line(item.title) + (item.count(state).map { " \($0)" } ?? "")
      return (i, i == current ? "›" + label + "‹" : " " + label + " ")
    }
    let width = { (t: [(Int, String)]) in t.reduce(0) { $0 + CellWidth.of($1.1) + 1 } }
    var dropped = false
    while width(texts) + (dropped ? 2 : 0) > state.width, let first = texts.first, first.0 != current, texts.count > 1 {
      texts.removeFirst()
      dropped = true
    }
    // "…" says there are views before the first shown (] and [ reach them too).
    var x = dropped ? 2 : 0
    return texts.map { i, text in
      defer { x += CellWidth.of(text) + 1 }
      return Entry(item: i, text: text, columns: x..<(x + CellWidth.of(text)))
    }
  }

  static func draw(_ state: AppState, into g: inout Grid) {
    guard state.viewBarVisible else { return }
    let current = currentItem(state)
    let items = sidebarItems(state)
    let shown = entries(state)
    if let first = shown.first, first.columns.lowerBound > 0 { g.put("…", x: 0, y: 1, role: .dim) }
    for e in shown where e.columns.lowerBound < g.width {
      let calls = items[e.item].calls(state)
      let role: Role = e.item == current ? .selected : calls ? (items[e.item].view == .urgent ? .alarm : .unread) : .dim
      g.put(e.text, x: e.columns.lowerBound, y: 1, role: role, maxWidth: g.width - e.columns.lowerBound)
    }
  }
}
