import Foundation
import Clinic
import TerminalUI

/// The message list: unread mark, patient, from → to, time, first line — one row per message.
enum InboxScreen {
  static func draw(_ state: AppState, into g: inout Grid) {
    let w = g.width
    let list = state.inbox
    let searched = list.query.search.map { " · “\(Sanitizer.line($0))”" } ?? ""
    // A covered inbox is named in full ("Covering Sam Okafor RN"); the sidebar has room for less.
    let colleague = state.sidebar.covering.first { [$0.id] == list.query.covering }
    let view = colleague.map { "Covering \($0.name)" } ?? list.query.view.title
    let title = "clinbox · \(list.query.search == nil ? view : list.query.view.title)\(searched)"
      + " (\(list.counted ? String(list.total) : "…"))"
    g.fill(y: 0, role: .header)
    let used = g.put(" " + title, x: 0, y: 0, role: .header)
    let who = Sanitizer.line(state.status.actingAs)
    if !who.isEmpty, w - used > 12 {
      let right = TextLayout.truncate(who, to: min(CellWidth.of(who), w - used - 3))
      g.put(right, x: w - CellWidth.of(right) - 1, y: 0, role: .header)
    }

    Sidebar.draw(state, into: &g)
    ViewBar.draw(state, into: &g)
    let left = state.sidebarWidth
    let columns = Columns(width: w - left, left: left, privacy: state.privacy)
    if list.loaded && list.total == 0 {
      let empty = list.query.view == .anyStaff && !state.news.syncsAnyStaff
        ? " Any staff is synced on request: :any-staff shows what it costs and asks." : " No messages in this view."
      g.put(TextLayout.truncate(empty, to: w - left), x: left, y: state.listTop, role: .dim)
    }
    for r in 0..<state.listHeight {
      let index = list.top + r
      guard index < list.total else { break }
      let y = state.listTop + r
      let selected = index == list.selected
      guard let m = list.row(at: index) else {
        g.put(" …", x: left, y: y, role: .dim)
        continue
      }
      // What the clinic sent is drawn apart from what came in (and says "to" or "→" too: not by style alone).
      let role: Role = selected ? (m.unread ? .selectedUnread : .selected)
        : m.unread ? .unread : m.isFromPatient ? .normal : .dim
      // The hardware cursor rests on the selected row, so screen readers follow the selection.
      if selected { g.fill(y: y, x: left, role: role); g.cursor = (left, y) }
      columns.draw(m, state: state, y: y, role: role, into: &g)
    }
    let tags = state.triage.tagged.isEmpty ? "" : " · \(state.triage.tagged.count) tagged"
    let wait = state.sidebar.longestWait.map { " · longest wait " + TimeText.wait(since: $0, now: state.now) } ?? ""
    StatusLine.draw(state, left: positionText(list) + tags + wait, into: &g)
  }

  static func positionText(_ list: InboxList) -> String {
    list.total == 0 ? "" : "\(list.selected + 1)/\(list.counted ? String(list.total) : "…")"
  }

  /// Column widths for a terminal width. Narrow terminals trade "sender → recipient" for a word that keeps the
  /// direction ("from" the patient, "to" them), so sent and received never look alike.
  struct Columns {
    let width: Int
    var left = 0
    var privacy = false
    var mark: Int { 2 }
    var patient: Int { max(10, min(22, width / 5)) }
    var fromTo: Int { width >= 80 ? max(22, min(34, width / 4)) : 0 }
    var direction: Int { fromTo == 0 ? 5 : 0 }
    var time: Int { width >= 60 ? 10 : 6 }

    func draw(_ m: Message, state: AppState, y: Int, role: Role, into g: inout Grid) {
      var x = left
      let right = left + width
      g.put(mark(m), x: x, y: y, role: role)
      // A tag is a mark of its own beside the message's state: `●*`.
      if state.triage.tagged.contains(MessageRef(id: m.id, patientID: m.patientID)) {
        g.put("*", x: x + 1, y: y, role: role)
      }
      x += mark
      if direction > 0 {
        g.put(m.isFromPatient ? "from" : "to", x: x, y: y, role: role, maxWidth: direction)
        x += direction
      }
      let patientName = privacy ? Privacy.initials(m.patientName) : Sanitizer.line(m.patientName)
      g.put(TextLayout.truncate(patientName, to: patient), x: x, y: y, role: role, maxWidth: patient)
      x += patient + 1
      if fromTo > 0 {
        g.put(fromToText(m), x: x, y: y, role: role, maxWidth: fromTo)
        x += fromTo + 1
      }
      // Awaiting reply is ordered by when the wait began, and its time column says so (the text is the newest words).
      let when = TimeText.short(m.waitingSince ?? m.sent, now: state.now, state.config.timeZone, narrow: time < 10)
      g.put(when, x: x, y: y, role: role, maxWidth: time)
      x += time + 1
      for note in RowNotes.notes(m, state) where x < right {
        // The selected row keeps its own role: the selection stays plain to see.
        let selected = role == .selected || role == .selectedUnread
        let used = g.put(note.text, x: x, y: y, role: selected ? role : note.role ?? role, maxWidth: right - x)
        x += used + 1
      }
      guard x < right else { return }
      // Only what fits is folded and sanitised: this runs for every row of every frame.
      let folded = MessageText.preview(String(m.text.prefix(2 * (right - x) + 16)))
      let labelled = MessageText.notSentLabel(m, state.config.timeZone).map { $0 + ": " + folded } ?? folded
      let preview = privacy ? "(hidden)" : labelled
      g.put(TextLayout.truncate(Sanitizer.line(preview), to: right - x), x: x, y: y, role: role, maxWidth: right - x)
    }

    /// The other party, seen from the patient named beside it — "→ P. Raman" to a clinician, "← P. Raman" from
    /// one — and "⇒ A. Okafor", the colleague it was routed to; names shortened to "P. Raman" until it fits, the
    /// colleague last to go. A message between staff reads "sender → recipient".
    func fromToText(_ m: Message) -> String {
      let sender = Sanitizer.line(m.senderName)
      let recipient = Sanitizer.line(m.recipientName)
      let routed = m.routedTo.map { Sanitizer.line($0) }
      func text(_ name: (String) -> String) -> String {
        let onward = routed.map { " ⇒ \(name($0))" } ?? ""
        if m.isFromPatient { return "→ \(name(recipient))" + onward }
        if m.to?.isPatient == true { return "← \(name(sender))" + onward }
        return "\(name(sender)) → \(name(recipient))" + onward
      }
      let candidates = [text { $0 }, text(shortName)] + (routed.map { ["⇒ \(shortName($0))"] } ?? [])
      let fits = candidates.first { CellWidth.of($0) <= fromTo } ?? candidates[candidates.count - 1]
      return TextLayout.truncate(fits, to: fromTo)
    }

    /// Unread `●`; written here and not yet delivered `⧗`; refused by the server `✗`; done `✓`; a draft in
    /// Canvas `✎`; scheduled for later `◷`.
    func mark(_ m: Message) -> String {
      switch m.delivery {
      case let d? where d.isPending: return "⧗ "
      case .failed?: return "✗ "
      default:
        if m.done { return "✓ " }
        if m.serverState == .draftInCanvas { return "✎ " }
        if m.serverState == .scheduled { return "◷ " }
        return m.unread ? "● " : "  "
      }
    }

    /// "Priya Raman MD" → "P. Raman" keeps the column readable; a name of ten columns or fewer stays whole.
    func shortName(_ name: String) -> String {
      CellWidth.of(name) <= 10 ? name : PersonName.short(name)
    }
  }
}
