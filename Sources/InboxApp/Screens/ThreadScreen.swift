import Foundation
import Clinic
import TerminalUI

/// A patient's thread: a banner (name, preferred name, birth date, age) over the laid-out messages.
enum ThreadScreen {
  static func draw(_ state: AppState, _ t: ThreadView, into g: inout Grid) {
    g.fill(y: 0, role: .header)
    let text = state.privacy ? (t.patient.map { Privacy.initials($0.displayName) } ?? "—") : banner(t, now: state.now)
    g.put(TextLayout.truncate(" " + text, to: g.width), x: 0, y: 0, role: .header)
    let panes = state.threadPanes
    let box = panes.messages
    // The search's terms and its hit lines, worked out once a frame rather than once a line.
    let hits = Set(t.hits)
    let terms = hits.isEmpty ? [] : SearchTerms.parse(state.inbox.query.search ?? "")
    for r in 0..<box.height {
      let i = t.top + r
      guard i < t.lines.count else { break }
      let line = t.lines[i]
      g.put(line.text, x: box.x, y: box.y + r, role: line.role, maxWidth: box.width)
      if hits.contains(i) { highlight(terms, in: line.text, x: box.x, y: box.y + r, into: &g) }
    }
    CheckInPanel.draw(state, t, panes, into: &g)
    g.cursor = (0, min(max(0, g.height - 2), box.y))
    let bodyHeight = box.height
    let shown = t.lines.isEmpty ? "" : "lines \(t.top + 1)–\(min(t.lines.count, t.top + bodyHeight))/\(t.lines.count)"
    StatusLine.draw(state, left: "\(counted(t.messages.count + t.olderCount, "message")) · \(shown)", into: &g)
  }

  static func banner(_ t: ThreadView, now: Date) -> String {
    guard let p = t.patient else {
      return PersonName.patient(given: nil, family: nil, id: t.patientID) + " (not in the cache)"
    }
    var parts = [Sanitizer.line(p.displayName)]
    if let pref = p.preferredName, !pref.isEmpty { parts[0] += " (\(Sanitizer.line(pref)))" }
    if let b = p.birthDate {
      parts.append("born \(Sanitizer.line(b))" + (p.age(on: now).map { ", \($0) y" } ?? ""))
    }
    if let g = p.gender { parts.append(Sanitizer.line(g)) }
    if let mrn = p.mrn, !mrn.isEmpty { parts.append("MRN \(Sanitizer.line(mrn))") }
    if !p.active { parts.append("inactive") }
    if let authorized = p.authorizedText { parts.append(Sanitizer.line(authorized)) }
    return parts.joined(separator: " · ")
  }

  /// The searched terms in a line drawn selected, so `n` lands on something visible.
  static func highlight(_ terms: [String], in text: String, x: Int, y: Int, into g: inout Grid) {
    for term in terms {
      var from = text.startIndex
      while let r = text.range(of: term, options: [.caseInsensitive, .diacriticInsensitive],
                               range: from..<text.endIndex) {
        let start = x + CellWidth.of(String(text[..<r.lowerBound]))
        let width = CellWidth.of(String(text[r]))
        for cx in start..<min(g.width, start + width) { g[cx, y].role = .selected }
        from = r.upperBound
      }
    }
  }
}
