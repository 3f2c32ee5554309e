import Clinic
import TerminalUI

/// What the compose pane shows of the patient's words: beside the editor, the thread's last messages laid out as
/// the thread screen lays them, read from the newest patient message; above it, that message alone.
enum ComposeContext {
  static func draw(_ state: AppState, _ c: ComposeState, _ layout: ComposeLayout, into g: inout Grid) {
    switch layout.kind {
    case .alone: return
    case .beside:
      let lines = thread(c, width: layout.context.width, state: state)
      // From the answered message's header, or the end of the thread when all of it fits.
      let headers = lines.indices.filter { lines[$0].isHeader }
      let k = c.thread.lastIndex(where: \.isFromPatient) ?? c.thread.count - 1
      let answered = headers.indices.contains(k) ? headers[k] : 0
      let top = max(0, min(answered, lines.count - layout.context.height))
      TextView.draw(lines.map { ($0.text, $0.role) }, top: top, in: layout.context, into: &g)
      for y in layout.rule.y..<layout.rule.bottom { g.put("│", x: layout.rule.x, y: y, role: .dim) }
    case .stacked:
      guard let m = c.answering else { return }
      var lines = answered(m, width: layout.context.width, state: state)
      if lines.count > layout.context.height {
        lines = Array(lines.prefix(layout.context.height - 1))
        lines.append(ThreadLine(text: "  … (Ctrl-Q quotes all of it)", role: .dim))
      }
      TextView.draw(lines.map { ($0.text, $0.role) }, in: layout.context, into: &g)
      let title = "─ your reply "
      let rule = title + String(repeating: "─", count: max(0, layout.rule.width - CellWidth.of(title)))
      g.put(rule, x: layout.rule.x, y: layout.rule.y, role: .dim, maxWidth: layout.rule.width)
    }
  }

  /// The recent thread, laid out for the pane.
  static func thread(_ c: ComposeState, width: Int, state: AppState) -> [ThreadLine] {
    let view = ThreadView(patientID: c.patientID, patient: nil, messages: c.thread, olderCount: 0)
    return ThreadLayout.lines(view, width: width, timeZone: state.config.timeZone, privacy: state.privacy,
                              now: state.now)
  }

  /// The answered message alone, laid out for the pane.
  static func answered(_ m: Message, width: Int, state: AppState) -> [ThreadLine] {
    let view = ThreadView(patientID: m.patientID, patient: nil, messages: [m], olderCount: 0)
    return ThreadLayout.lines(view, width: width, timeZone: state.config.timeZone, privacy: state.privacy,
                              now: state.now)
  }
}
