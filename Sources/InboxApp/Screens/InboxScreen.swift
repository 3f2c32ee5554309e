import Foundation
import Store
import TerminalUI

/// The message list: unread mark, patient, from → to, time, first line — one row per message.
enum InboxScreen {
  static func draw(_ state: AppState, into g: inout Grid) {
    let w = g.width
    let list = state.inbox
    let title = "clinbox · \(list.query.view.title) (\(list.total))"
    g.fill(y: 0, role: .header)
    let used = g.put(" " + title, x: 0, y: 0, role: .header)
    let who = Sanitizer.line(state.status.actingAs)
    if !who.isEmpty, w - used > 12 {
      let right = TextLayout.truncate(who, to: min(CellWidth.of(who), w - used - 3))
      g.put(right, x: w - CellWidth.of(right) - 1, y: 0, role: .header)
    }

    let columns = Columns(width: w)
    if list.loaded && list.total == 0 {
      g.put(TextLayout.truncate(" No messages in this view.", to: w), x: 0, y: 1, role: .dim)
    }
    for r in 0..<state.listHeight {
      let index = list.top + r
      guard index < list.total else { break }
      let y = 1 + r
      let selected = index == list.selected
      guard let m = list.row(at: index) else {
        g.put(" …", x: 0, y: y, role: .dim)
        continue
      }
      let role: Role = selected ? (m.unread ? .selectedUnread : .selected) : (m.unread ? .unread : .normal)
      if selected { g.fill(y: y, role: role); g.cursor = (0, y) }
      columns.draw(m, state: state, y: y, role: role, into: &g)
    }
    StatusLine.draw(state, left: positionText(list), into: &g)
  }

  static func positionText(_ list: InboxList) -> String {
    list.total == 0 ? "" : "\(list.selected + 1)/\(list.total)"
  }

  /// Column widths for a terminal width; narrow terminals drop the from → to column first.
  struct Columns {
    let width: Int
    var mark: Int { 2 }
    var patient: Int { max(10, min(22, width / 5)) }
    var fromTo: Int { width >= 80 ? max(16, min(34, width / 4)) : 0 }
    var time: Int { width >= 60 ? 10 : 6 }

    func draw(_ m: Message, state: AppState, y: Int, role: Role, into g: inout Grid) {
      var x = 0
      g.put(mark(m), x: x, y: y, role: role)
      x += mark
      g.put(TextLayout.truncate(Sanitizer.line(m.patientName), to: patient), x: x, y: y, role: role, maxWidth: patient)
      x += patient + 1
      if fromTo > 0 {
        var ft = Sanitizer.line("\(m.senderName) → \(m.recipientName)")
        if CellWidth.of(ft) > fromTo { ft = Sanitizer.line("\(shortName(m.senderName)) → \(shortName(m.recipientName))") }
        g.put(TextLayout.truncate(ft, to: fromTo), x: x, y: y, role: role, maxWidth: fromTo)
        x += fromTo + 1
      }
      g.put(TimeText.short(m.sent, now: state.now, state.timeZone, narrow: time < 10), x: x, y: y, role: role, maxWidth: time)
      x += time + 1
      guard x < width else { return }
      let first = m.text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
      g.put(TextLayout.truncate(Sanitizer.line(first), to: width - x), x: x, y: y, role: role, maxWidth: width - x)
    }

    /// Unread `●`; written here and not yet delivered `⧗`; refused by the server `✗`.
    func mark(_ m: Message) -> String {
      switch m.delivery {
      case "queued"?, "sending"?: return "⧗ "
      case let d? where d.hasPrefix("failed"): return "✗ "
      default: return m.unread ? "● " : "  "
      }
    }

    /// "Priya Raman MD" → "P. Raman" keeps the column readable.
    func shortName(_ name: String) -> String {
      let parts = name.split(separator: " ")
      if CellWidth.of(name) <= 10 { return name }
      guard parts.count >= 2, let first = parts.first?.first else { return name }
      // "Priya Raman MD" → "P. Raman": the initial and the next word, which is the family name or close to it.
      return "\(first). \(parts[1])"
    }
  }
}
