import Clinic
import TerminalUI

/// How the check-in entry is drawn: the forms to choose from, a question with its options or what is typed, or
/// the answers with whatever the form would refuse.
extension CheckInEntry {
  func draw(_ state: AppState, into g: inout Grid) {
    let who = state.privacy ? Privacy.initials(patientName) : patientName
    let title = form.map { "\($0.name) for \(who) — Tab next, Shift-Tab back, Esc cancels" }
      ?? (asking ? "Ask \(who) for a check-in — Enter writes the request"
                 : "Record a check-in for \(who) — Enter chooses the form")
    let inside = Box.draw(title, in: Self.frame(g.bounds), into: &g)
    guard inside.height > 2 else { return }
    guard let form else {
      if forms.isEmpty {
        g.put(formsLoaded ? "no check-in forms cached yet — sync first" : "reading the forms…", x: inside.x,
              y: inside.y, role: .dim)
      }
      ListWidget.draw(count: forms.count, scroll: scroll, in: inside, into: &g) { i in (forms[i].name, .normal) }
      return
    }
    guard let q = current else { drawSummary(form, in: inside, into: &g); return }
    let (heading, rest) = inside.splitTop(2)
    g.put(TextLayout.truncate("\(question + 1)/\(form.questions.count) \(q.text)", to: heading.width),
          x: heading.x, y: heading.y, role: .banner)
    switch q.kind {
    case .single, .multiple:
      let chosen = answers[q.linkId] ?? []
      ListWidget.draw(count: q.choices.count, scroll: scroll, in: rest, into: &g) { i in
        let mark = chosen.contains(.choice(q.choices[i])) ? "[x] " : "[ ] "
        return ((q.kind == .multiple ? mark : "") + q.choices[i].display, .normal)
      }
      let hint = q.kind == .multiple ? "Enter ticks or clears an option · Tab next" : "Enter chooses"
      g.put(hint, x: rest.x, y: rest.bottom - 1, role: .dim, maxWidth: rest.width)
    default:
      drawFilterLine(typed, in: rest, into: &g)
      let kind = q.kind == .decimal ? "a number" : q.kind == .date ? "a date, YYYY-MM-DD" : "text"
      g.put("type \(kind) · Enter next", x: rest.x, y: rest.y + 2, role: .dim, maxWidth: rest.width)
    }
  }

  func drawSummary(_ form: CheckInForm, in box: Rect, into g: inout Grid) {
    var lines: [(text: String, role: Role)] = []
    func add(_ text: String, _ role: Role) { lines += TextLayout.wrap(text, width: box.width).map { ($0, role) } }
    for q in form.questions {
      let given = (answers[q.linkId] ?? []).map(\.text).joined(separator: ", ")
      add("\(q.text): \(given.isEmpty ? "—" : given)", .normal)
    }
    lines.append(("", .normal))
    if let refusal { add("The server refused it: \(Sanitizer.line(refusal)) — Shift-Tab to correct", .warning) }
    if problems.isEmpty {
      add("Enter records it (through the outbox) · Shift-Tab goes back", .banner)
    } else {
      for p in problems { add("✗ \(p)", .warning) }
    }
    TextView.draw(lines, in: box, into: &g)
  }
}
