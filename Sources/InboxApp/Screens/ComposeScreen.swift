import Foundation
import TerminalUI
import Clinic

/// The compose pane: to whom, the patient's words (beside or above), the text as it will be sent (wrapped at
/// words, with the cursor), a length counter and when the draft was last saved.
enum ComposeScreen {
  static func draw(_ state: AppState, _ c: ComposeState, into g: inout Grid) {
    g.fill(y: 0, role: .header)
    let who = state.privacy ? Privacy.initials(c.patientName) : Sanitizer.line(c.patientName)
    let authorized = state.privacy ? "" : c.values[ComposeState.authorizedKey].map { " · " + Sanitizer.line($0) }
    let header = c.recordingFor.map {
      " \(who)'s message, taken by phone, for \(Sanitizer.line($0.name)) — Ctrl-S records it"
    }
      ?? " To: \(who)" + (authorized ?? "")
    g.put(TextLayout.truncate(header, to: g.width), x: 0, y: 0, role: .header)
    let layout = state.composeLayout
    ComposeContext.draw(state, c, layout, into: &g)
    drawEditor(c.editor, in: layout.editor, width: state.editorWidth, into: &g)
    drawStatus(state, c, into: &g)
  }

  /// The text wrapped at words, the cursor's row kept in view; quoted lines (`> `) dim, lines with a ⟦blank⟧ as
  /// warnings, a ⟦blank⟧ Tab selected drawn selected (typing replaces it).
  static func drawEditor(_ editor: Editor, in box: Rect, width: Int, into g: inout Grid) {
    guard !box.isEmpty else { return }
    let (lines, row, column) = editor.layout(width: width)
    let top = max(0, row - box.height + 1)
    for r in 0..<box.height {
      let i = top + r
      guard i < lines.count else { break }
      let role: Role = lines[i].contains("⟦") ? .warning : lines[i].hasPrefix(">") ? .dim : .normal
      // Typed text is shown as it is typed, except controls (put sanitises).
      g.put(lines[i], x: box.x, y: box.y + r, role: role, maxWidth: box.width)
    }
    if let selected = editor.selection {
      let from = editor.position(of: selected.lowerBound, width: width)
      let to = editor.position(of: selected.upperBound, width: width)
      let y = box.y + from.row - top
      if y >= box.y && y < box.bottom {
        let end = to.row == from.row ? to.column : box.width
        for x in from.column..<max(from.column, min(end, box.width)) { g[box.x + x, y].role = .selected }
      }
    }
    if editor.count == 0 {
      g.put("Type the message, or Ctrl-T for a template.", x: box.x, y: box.y, role: .dim, maxWidth: box.width)
    }
    g.cursor = (box.x + min(box.width - 1, column), min(box.bottom - 1, box.y + row - top))
  }

  static func drawStatus(_ state: AppState, _ c: ComposeState, into g: inout Grid) {
    let y = g.height - 1
    guard y >= 1 else { return }
    g.fill(y: y, role: .status)
    if c.confirmingDiscard {
      let question = " Discard this message? y discards · any other key keeps writing (Ctrl-D keeps it as a draft)"
      g.put(TextLayout.truncate(question, to: g.width), x: 0, y: y, role: .warning)
      return
    }
    var parts = ["\(c.editor.count) characters"]
    if c.notSaved != nil { parts.append("NOT SAVED (kept)") } else if let at = c.savedAt {
      parts.append("draft saved \(TimeText.full(at, state.config.timeZone).suffix(5))")
    }
    if let notice = state.status.notice { parts.append(Sanitizer.line(notice)) }
    parts.append(Command.hints(in: .editor, keys: state.config.keys).joined(separator: "  "))
    g.put(TextLayout.truncate(" " + parts.joined(separator: " · "), to: g.width), x: 0, y: y, role: .status)
  }
}
