import Store
import TerminalUI

/// The views, with their counts; the current one marked (not by colour alone).
enum Sidebar {
  static func draw(_ state: AppState, into g: inout Grid) {
    let w = state.sidebarWidth
    guard w > 0 else { return }
    g.put(" Views", x: 0, y: 1, role: .dim, maxWidth: w - 1)
    for (i, view) in InboxView.allCases.enumerated() {
      let y = 2 + i
      guard y < g.height - 1 else { break }
      let current = view == state.inbox.query.view
      let count = state.counts[view].map(String.init) ?? ""
      let label = (current ? "› " : "  ") + view.title
      let role: Role = current ? .selected : (view == .unread && (state.counts[view] ?? 0) > 0 ? .unread : .normal)
      if current { g.fill(y: y, x: 0, width: w - 1, role: role) }
      g.put(TextLayout.pad(label, to: w - 2 - count.count) + count, x: 0, y: y, role: role, maxWidth: w - 1)
    }
    for y in 1..<max(1, g.height - 1) { g.put("│", x: w - 1, y: y, role: .dim) }
  }
}
