import Clinic
import TerminalUI

/// The views, with their counts; the current one marked (not by colour alone).
enum Sidebar {
  static func draw(_ state: AppState, into g: inout Grid) {
    let w = state.sidebarWidth
    guard w > 0 else { return }
    g.put(" Views", x: 0, y: 1, role: .dim, maxWidth: w - 1)
    let current = currentItem(state)
    // On a short screen the entries scroll so that the current one is always in sight.
    let rows = max(1, g.height - 3)
    let first = max(0, (current ?? 0) - rows + 1)
    for (i, item) in sidebarItems(state).enumerated() where i >= first {
      let y = 2 + i - first
      guard y < g.height - 1 else { break }
      let isCurrent = i == current
      let count = item.count(state).map(String.init) ?? ""
      let label = (isCurrent ? "› " : "  ") + (item.isSearch ? "/ " : "") + Sanitizer.line(item.title)
      let role: Role = isCurrent ? .selected : item.calls(state) ? (item.view == .urgent ? .alarm : .unread) : .normal
      let current = isCurrent
      if current { g.fill(y: y, x: 0, width: w - 1, role: role) }
      // A long name gives way to its count, with a space between them.
      let fitted = TextLayout.pad(TextLayout.truncate(label, to: w - 3 - count.count), to: w - 2 - count.count)
      g.put(fitted + count, x: 0, y: y, role: role, maxWidth: w - 1)
    }
    for y in 1..<max(1, g.height - 1) { g.put("│", x: w - 1, y: y, role: .dim) }
  }
}
