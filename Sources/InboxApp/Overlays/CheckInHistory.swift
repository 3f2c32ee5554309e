import Foundation
import Clinic
import TerminalUI

/// `I`: every check-in of the patient over time, newest first, a row each — when, the form, the score, then an
/// answer per question in columns; Enter shows the selected one in full, Esc goes back.
public struct CheckInHistory: Equatable, Sendable {
  public var patientID: PatientID
  public var patientName: String
  public var checkIns: [CheckIn] = []
  public var forms: [CheckInForm] = []
  /// Refused by the server: listed first, Enter opens one to correct and record again.
  public var refused: [RefusedCheckIn] = []
  public var scroll = ListScroll()
  /// The check-in shown in full (Enter), if any.
  public var open: Int?

  public init(patientID: PatientID, patientName: String) { self.patientID = patientID; self.patientName = patientName }

  /// The refused ones first, then the rest newest first.
  var rows: [CheckIn] { refused.map(\.checkIn) + checkIns.reversed() }

  func refusal(at row: Int) -> RefusedCheckIn? { refused.indices.contains(row) ? refused[row] : nil }

  static func frame(_ screen: Rect) -> Rect { screen.inset(1) }

  func run(_ command: Command, _ c: OverlayContext) -> OverlayStep {
    var h = self
    if h.open == nil, move(command, &h.scroll, count: rows.count, visible: Self.frame(c.bounds).height - 3) {
      return .stay(.checkIns(h))
    }
    switch command {
    case .accept:
      guard rows.indices.contains(h.scroll.selected) else { return .stay(.checkIns(self)) }
      // A refused check-in opens as it was answered, to correct and record again in its place.
      if let r = refusal(at: h.scroll.selected), let form = form(of: r.checkIn) {
        return .stay(.checkIn(CheckInEntry(correcting: r, form: form, patientName: patientName)))
      }
      h.open = h.scroll.selected
    case .cancel:
      guard h.open != nil else { return .close() }
      h.open = nil
    default: break
    }
    return .stay(.checkIns(h))
  }

  func form(of c: CheckIn) -> CheckInForm? { forms.first { $0.id == c.formID } }

  func draw(_ state: AppState, into g: inout Grid) {
    let who = state.privacy ? Privacy.initials(patientName) : patientName
    let inside = Box.draw("Check-ins of \(who) — Enter shows one, Esc goes back", in: Self.frame(g.bounds), into: &g)
    guard inside.height > 2 else { return }
    if rows.isEmpty { g.put("no check-ins cached for this patient", x: inside.x, y: inside.y, role: .dim); return }
    if let open, rows.indices.contains(open) { drawOne(rows[open], state, in: inside, into: &g); return }
    let selected = rows.indices.contains(scroll.selected) ? rows[scroll.selected] : rows[0]
    let (heading, list) = inside.splitTop(1)
    // The list marks its rows in two columns (`› `): the heading starts after them.
    g.put(columns(header: true, selected, state, width: heading.width - 2), x: heading.x + 2, y: heading.y,
          role: .banner, maxWidth: heading.width - 2)
    let cursor = g.cursor
    ListWidget.draw(count: rows.count, scroll: scroll, in: list, into: &g) { i in
      if let r = refusal(at: i) {
        return (TextLayout.truncate("✗ refused: \(Sanitizer.line(r.reason)) — Enter corrects it", to: list.width - 2),
                .warning)
      }
      return (columns(header: false, rows[i], state, width: list.width - 2), .normal)
    }
    g.cursor = cursor
  }

  /// A row: when, form, score, and the answers in equal columns (the heading names the selected row's questions).
  func columns(header: Bool, _ c: CheckIn, _ state: AppState, width: Int) -> String {
    let form = form(of: c)
    let questions = form?.questions ?? []
    let fixed = 17 + 18 + 6
    let each = questions.isEmpty ? 0 : max(6, (width - fixed) / questions.count)
    var text = TextLayout.pad(header ? "when" : TimeText.full(c.authored, state.config.timeZone), to: 17)
    text += TextLayout.pad(header ? "form" : (form?.name ?? c.formID), to: 18)
    let score = form.flatMap { f in c.score(on: f).map { "\($0)/\(f.maxScore)" } } ?? ""
    text += TextLayout.pad(header ? "score" : score, to: 6)
    for q in questions {
      let cell = header ? q.text : (c.answers[q.linkId] ?? []).map(\.text).joined(separator: ", ")
      text += TextLayout.pad(cell, to: each - 1) + " "
    }
    return text
  }

  func drawOne(_ c: CheckIn, _ state: AppState, in box: Rect, into g: inout Grid) {
    let form = form(of: c)
    let heading = (form?.name ?? c.formID) + " · " + TimeText.full(c.authored, state.config.timeZone)
    var lines: [(text: String, role: Role)] = [(heading, .banner)]
    if let form, let score = c.score(on: form) { lines.append(("score \(score)/\(form.maxScore)", .normal)) }
    lines.append(("", .normal))
    for q in form?.questions ?? [] {
      lines += TextLayout.wrap(q.text, width: box.width).map { ($0, Role.dim) }
      let answer = (c.answers[q.linkId] ?? []).map(\.text).joined(separator: ", ")
      lines += TextLayout.wrap(answer.isEmpty ? "—" : answer, width: box.width - 2).map { ("  " + $0, .normal) }
    }
    TextView.draw(lines, in: box, into: &g)
  }
}
