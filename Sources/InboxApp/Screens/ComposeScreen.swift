import Foundation
import TerminalUI

/// The compose pane: to whom, the text as it will be sent (wrapped, with the cursor), a length counter and
/// when the draft was last saved.
enum ComposeScreen {
  static func draw(_ state: AppState, _ c: ComposeState, into g: inout Grid) {
    g.fill(y: 0, role: .header)
    let to = state.privacy ? Privacy.initials(c.patientName) : Sanitizer.line(c.patientName)
    g.put(TextLayout.truncate(" To: \(to)", to: g.width), x: 0, y: 0, role: .header)
    let bodyHeight = max(0, g.height - 2)
    let (lines, row, column) = c.editor.layout(width: max(1, g.width - 1))
    // Keep the cursor's row in view.
    let top = max(0, min(row, max(0, row - bodyHeight + 1)))
    for r in 0..<bodyHeight {
      let i = top + r
      guard i < lines.count else { break }
      // Server text is sanitised; typed text is shown as it is typed, except controls.
      g.put(Sanitizer.line(lines[i]), x: 0, y: 1 + r, role: lines[i].contains("⟦") ? .warning : .normal)
    }
    // A placeholder Tab selected shows as selected: typing replaces it.
    if let selected = c.editor.selection {
      let from = c.editor.position(of: selected.lowerBound, width: max(1, g.width - 1))
      let to = c.editor.position(of: selected.upperBound, width: max(1, g.width - 1))
      let y = 1 + from.row - top
      if y >= 1 && y <= bodyHeight {
        let end = to.row == from.row ? to.column : g.width
        for x in from.column..<max(from.column, min(end, g.width)) { g[x, y].role = .selected }
      }
    }
    if c.editor.count == 0 && bodyHeight > 0 {
      g.put("Type the message, or Ctrl-T for a template.", x: 0, y: 1, role: .dim)
    }
    g.cursor = (min(g.width - 1, column), min(g.height - 2, 1 + row - top))
    let y = g.height - 1
    guard y >= 1 else { return }
    g.fill(y: y, role: .status)
    if c.confirmingDiscard {
      g.put(TextLayout.truncate(" Discard this message? y discards · any other key keeps writing (Ctrl-D keeps it as a draft)", to: g.width),
            x: 0, y: y, role: .warning)
      return
    }
    var parts = ["\(c.editor.count) characters"]
    if let at = c.savedAt { parts.append("draft saved \(TimeText.full(at, state.timeZone).suffix(5))") }
    if let notice = state.status.notice { parts.append(Sanitizer.line(notice)) }
    parts.append(Command.hints(in: .editor, keys: state.keys).joined(separator: "  "))
    g.put(TextLayout.truncate(" " + parts.joined(separator: " · "), to: g.width), x: 0, y: y, role: .status)
  }
}
