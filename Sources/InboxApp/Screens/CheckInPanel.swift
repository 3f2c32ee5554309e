import Foundation
import Clinic
import TerminalUI

/// Where the thread's check-in panel goes: beside the messages on a wide screen, a line a form above them from
/// 60×20 (80×24 fits), folded away below that.
struct ThreadPanes: Equatable {
  enum Kind: Equatable { case none, beside, above }
  var kind: Kind
  var messages: Rect
  var panel: Rect

  static let panelWidth = 40

  init(width: Int, height: Int, forms: Int) {
    let body = Rect(x: 0, y: 1, width: width, height: max(0, height - 2))
    if forms > 0 && width >= 100 && height >= 12 {
      kind = .beside
      messages = Rect(x: 0, y: body.y, width: width - Self.panelWidth - 1, height: body.height)
      panel = Rect(x: width - Self.panelWidth, y: body.y, width: Self.panelWidth, height: body.height)
    } else if forms > 0 && width >= 60 && height >= 20 {
      kind = .above
      let (top, rest) = body.splitTop(forms + 1)
      panel = top
      messages = rest
    } else {
      kind = .none
      messages = body
      panel = Rect(x: 0, y: body.y, width: 0, height: 0)
    }
  }
}

extension AppState {
  var threadPanes: ThreadPanes {
    ThreadPanes(width: width, height: height,
                forms: thread.map { CheckInPanel.series($0).count + ($0.refused.isEmpty ? 0 : 1) } ?? 0)
  }

  /// The score at or over which a form's check-in is marked: the config's, else 3 on a 0–6 scale (a positive
  /// PHQ-2 or GAD-2 screen), else none.
  func threshold(for form: CheckInForm) -> Int? {
    checkInThresholds[form.name] ?? checkInThresholds[form.id] ?? (form.maxScore == 6 ? 3 : nil)
  }

  /// A question's own threshold (its answer's place on the scale), from the config only:
  /// `"Mood check-in / Feeling down, depressed, or hopeless" = 2` (the question's text or linkId).
  func threshold(for form: CheckInForm, _ q: CheckInForm.Question) -> Int? {
    [form.name, form.id].lazy.flatMap { f in [q.text, q.linkId].map { "\(f) / \($0)" } }
      .compactMap { checkInThresholds[$0] }.first
  }

  /// Where a question's latest answer stands on its scale, when that is at or over the question's threshold.
  func itemOver(_ form: CheckInForm, _ q: CheckInForm.Question, in c: CheckIn) -> Int? {
    guard let limit = threshold(for: form, q), case .choice(let chosen)? = c.answers[q.linkId]?.first,
          let place = q.choices.firstIndex(of: chosen), place >= limit else { return nil }
    return limit
  }
}

/// How the patient has been doing: per form, the scores of the recent check-ins as a sparkline, the latest score,
/// a mark when it is at or over the form's threshold (and whether it got worse), and — beside the thread — the
/// latest answers as text.
enum CheckInPanel {
  struct Series: Equatable {
    var form: CheckInForm
    /// The form's check-ins, oldest first.
    var checkIns: [CheckIn]
    var latest: CheckIn { checkIns[checkIns.count - 1] }
    var scores: [Int] { checkIns.compactMap { $0.score(on: form) } }
  }

  /// The forms the patient answered, the most recently answered first.
  static func series(_ t: ThreadView) -> [Series] {
    t.forms.compactMap { form in
      let answered = t.checkIns.filter { $0.formID == form.id }
      return answered.isEmpty ? nil : Series(form: form, checkIns: answered)
    }.sorted { $0.latest.authored > $1.latest.authored }
  }

  /// `Mood check-in ▂▅▃█ 5/6 ⚠ at or over 3, worse`, and whether it is marked.
  static func summary(_ s: Series, _ state: AppState) -> (text: String, marked: Bool) {
    let scores = Array(s.scores.suffix(8))
    // Questions at or over their own thresholds are named after the score.
    let items = s.form.questions.filter { state.itemOver(s.form, $0, in: s.latest) != nil }
    let itemText = items.isEmpty ? "" : " ⚠ " + items.map { TextLayout.truncate($0.text, to: 24) }.joined(separator: ", ")
    guard let score = scores.last else { return (Sanitizer.line(s.form.name) + itemText, !items.isEmpty) }
    var text = "\(Sparkline.of(scores, max: s.form.maxScore)) \(score)/\(s.form.maxScore)"
    guard let limit = state.threshold(for: s.form), score >= limit else { return (text + itemText, !items.isEmpty) }
    text += " ⚠ at or over \(limit)"
    if scores.count >= 2, score > scores[scores.count - 2] { text += ", worse" }
    return (text + itemText, true)
  }

  static func draw(_ state: AppState, _ t: ThreadView, _ panes: ThreadPanes, into g: inout Grid) {
    let all = series(t)
    let refusal = t.refused.first.map { "✗ a check-in was refused: \(Sanitizer.line($0.reason)) — I corrects it" }
    switch panes.kind {
    case .none: return
    case .above:
      if let refusal { g.put(refusal, x: 0, y: panes.panel.y, role: .warning, maxWidth: panes.panel.width) }
      let first = refusal == nil ? 0 : 1
      for (i, s) in all.enumerated() where first + i < panes.panel.height - 1 {
        let (text, marked) = summary(s, state)
        let when = TimeText.short(s.latest.authored, now: state.now, state.timeZone)
        g.put(TextLayout.truncate("\(s.form.name) \(text) · \(when)", to: panes.panel.width),
              x: 0, y: panes.panel.y + first + i, role: marked ? .warning : .normal)
      }
      let rule = "─ messages " + String(repeating: "─", count: max(0, panes.panel.width - 11))
      g.put(rule, x: 0, y: panes.panel.bottom - 1, role: .dim, maxWidth: panes.panel.width)
    case .beside:
      var lines: [(text: String, role: Role)] = []
      if let refusal {
        lines += TextLayout.wrap(refusal, width: panes.panel.width - 1).map { ($0, Role.warning) }
        lines.append(("", .normal))
      }
      for s in all {
        let (text, marked) = summary(s, state)
        lines.append((s.form.name, .banner))
        lines.append((text, marked ? .warning : .normal))
        // The sparkline's span: the first bar's date to the latest's.
        let shown = s.checkIns.suffix(8)
        let day = { (c: CheckIn) in String(TimeText.full(c.authored, state.timeZone).prefix(10)) }
        let span = shown.count > 1 ? "\(shown.count) check-ins, \(day(shown.first!)) – \(day(s.latest))"
          : "latest " + TimeText.full(s.latest.authored, state.timeZone)
        lines.append((span, .dim))
        // Each question (dim), its answer under it.
        for q in s.form.questions {
          let answer = (s.latest.answers[q.linkId] ?? []).map(\.text).joined(separator: ", ")
          lines += TextLayout.wrap(q.text, width: panes.panel.width - 1).map { ($0, Role.dim) }
          let over = state.itemOver(s.form, q, in: s.latest).map { " ⚠ at or over \($0)" } ?? ""
          lines += TextLayout.wrap((answer.isEmpty ? "—" : answer) + over, width: panes.panel.width - 3)
            .map { ("  " + $0, over.isEmpty ? .normal : .warning) }
        }
        lines.append(("", .normal))
      }
      for y in panes.panel.y..<panes.panel.bottom { g.put("│", x: panes.panel.x - 1, y: y, role: .dim) }
      TextView.draw(lines, in: Rect(x: panes.panel.x + 1, y: panes.panel.y, width: panes.panel.width - 1,
                                    height: panes.panel.height), into: &g)
    }
  }
}
