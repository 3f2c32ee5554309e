import Foundation
import Clinic
import TerminalUI

/// A patient's thread: a banner (name, preferred name, birth date, age) over the laid-out messages.
enum ThreadScreen {
  static func draw(_ state: AppState, _ t: ThreadView, into g: inout Grid) {
    g.fill(y: 0, role: .header)
    let text = state.privacy ? (t.patient.map { Privacy.initials($0.displayName) } ?? "—") : banner(t, now: state.now)
    g.put(TextLayout.truncate(" " + text, to: g.width), x: 0, y: 0, role: .header)
    let bodyHeight = max(0, g.height - 2)
    for r in 0..<bodyHeight {
      let i = t.top + r
      guard i < t.lines.count else { break }
      let line = t.lines[i]
      g.put(line.text, x: 0, y: 1 + r, role: line.role)
    }
    g.cursor = (0, min(max(0, g.height - 2), 1))
    let shown = t.lines.isEmpty ? "" : "lines \(t.top + 1)–\(min(t.lines.count, t.top + bodyHeight))/\(t.lines.count)"
    StatusLine.draw(state, left: "\(t.messages.count + t.olderCount) messages · \(shown)", into: &g)
  }

  static func banner(_ t: ThreadView, now: Date) -> String {
    guard let p = t.patient else { return PersonName.patient(given: nil, family: nil, id: t.patientID) + " (not in the cache)" }
    var parts = [Sanitizer.line(p.displayName)]
    if let pref = p.preferredName, !pref.isEmpty { parts[0] += " (\(Sanitizer.line(pref)))" }
    if let b = p.birthDate {
      parts.append("born \(Sanitizer.line(b))" + (p.age(on: now).map { ", \($0) y" } ?? ""))
    }
    if let g = p.gender { parts.append(Sanitizer.line(g)) }
    if let mrn = p.mrn, !mrn.isEmpty { parts.append("MRN \(Sanitizer.line(mrn))") }
    return parts.joined(separator: " · ")
  }
}
