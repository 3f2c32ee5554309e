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

  /// The total at or over which a form's check-in is marked: the config's, else the instrument's published cut-off
  /// (PHQ-9 10, PHQ-2 3, …); none for a form with no total.
  func threshold(for form: CheckInForm) -> Int? {
    let configured = config.checkInThresholds[form.name] ?? config.checkInThresholds[form.id]
    switch form.scoreRule {
    case .unscored: return nil
    case .instrument(let i): return configured ?? i.threshold
    case .weighted: return configured
    }
  }

  /// Which way a question points: the config's (`[checkins."Form"] "question" = "higher-is-worse"`), else an
  /// instrument's item (higher is worse); nil when nobody said.
  func direction(_ form: CheckInForm, _ q: CheckInForm.Question) -> ScoreDirection? {
    for f in [form.name, form.id] {
      if let d = config.checkInDirections[f]?[q.text] ?? config.checkInDirections[f]?[q.linkId] { return d }
    }
    if case .instrument(let i) = form.scoreRule, i.items(of: form)?.contains(q) == true { return .higherIsWorse }
    return nil
  }

  /// The direction of a form's total: the instrument's, else the one every scored question shares in the config.
  func direction(of form: CheckInForm) -> ScoreDirection? {
    if case .instrument = form.scoreRule { return .higherIsWorse }
    let given = Set(form.scoredQuestions.map { direction(form, $0) })
    return given.count == 1 ? given.first! : nil
  }

  /// A question's own threshold (its answer's place on the scale), from the config only:
  /// `"Mood check-in / Feeling down, depressed, or hopeless" = 2` (the question's text or linkId).
  func threshold(for form: CheckInForm, _ q: CheckInForm.Question) -> Int? {
    [form.name, form.id].lazy.flatMap { f in [q.text, q.linkId].map { "\(f) / \($0)" } }
      .compactMap { config.checkInThresholds[$0] }.first
  }

  /// A question's latest answer past its threshold in the worse direction (at or over where higher is worse, at
  /// or under where higher is better); nothing without a direction: a mark must mean worse for the patient.
  func itemOver(_ form: CheckInForm, _ q: CheckInForm.Question, in c: CheckIn) -> String? {
    guard let limit = threshold(for: form, q), let d = direction(form, q), let place = c.place(q) else { return nil }
    switch d {
    case .higherIsWorse: return place >= limit ? "at or over \(limit)" : nil
    case .higherIsBetter: return place <= limit ? "at or under \(limit)" : nil
    }
  }

  /// "better" or "worse" from one place or total to the next, in the direction given; "same", or nil with none.
  func trend(_ before: Int, _ now: Int, _ d: ScoreDirection?) -> String? {
    guard let d else { return nil }
    if before == now { return "same" }
    return (now > before) == (d == .higherIsWorse) ? "worse" : "better"
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

  /// `Mood check-in ▂▅▃█ 5/6 ⚠ at or over 3, worse`, and whether it is marked. ⚠ and "worse" mean worse for the
  /// patient: a total only by a known rule, a direction only where the instrument or the config gives one.
  static func summary(_ s: Series, _ state: AppState) -> (text: String, marked: Bool) {
    // Questions past their own thresholds, and an instrument's sentinel item, are named after the score.
    let items = s.form.questions.filter { state.itemOver(s.form, $0, in: s.latest) != nil }
    var marks = items.map { TextLayout.truncate($0.text, to: 24) }
    if let sentinel = s.latest.sentinel(on: s.form) { marks.insert(sentinel, at: 0) }
    let itemText = marks.isEmpty ? "" : " ⚠ " + marks.joined(separator: ", ")
    guard s.form.scoreRule != .unscored else {
      return ((questionTrends(s, state) ?? Sanitizer.line(s.form.name)) + itemText, !marks.isEmpty)
    }
    let scores = Array(s.scores.suffix(8))
    guard let score = scores.last else { return (Sanitizer.line(s.form.name) + itemText, !marks.isEmpty) }
    var text = "\(Sparkline.of(scores, max: s.form.maxScore)) \(score)/\(s.form.maxScore)"
    if case .instrument(let i) = s.form.scoreRule, let band = i.band(score) { text += " \(band)" }
    let direction = state.direction(of: s.form)
    var said: [String] = []
    if let limit = state.threshold(for: s.form), score >= limit, direction == .higherIsWorse {
      said.append("⚠ at or over \(limit)")
    }
    if scores.count >= 2, let change = state.trend(scores[scores.count - 2], score, direction) { said.append(change) }
    if !said.isEmpty { text += " " + said.joined(separator: ", ") }
    return (text + itemText, said.first?.hasPrefix("⚠") == true || !marks.isEmpty)
  }

  /// A form with no total: each question on a scale with its latest place, and its trend where the config gives
  /// it a direction — "Mood 8/10 better · Anxiety 2/10 better".
  static func questionTrends(_ s: Series, _ state: AppState) -> String? {
    let parts = s.form.questions.compactMap { q -> String? in
      guard q.kind == .single, q.scale.count >= 2, let now = s.latest.place(q) else { return nil }
      var part = "\(label(q)) \(now)/\(q.scale.count - 1)"
      let earlier = s.checkIns.dropLast().last.flatMap { $0.place(q) }
      if let earlier, let t = state.trend(earlier, now, state.direction(s.form, q)) { part += " " + t }
      return part
    }
    return parts.isEmpty ? nil : parts.joined(separator: " · ")
  }

  /// A question as a summary names it: its words up to a "?" or a "(" ("How is your mood today"), cut to fit.
  static func label(_ q: CheckInForm.Question) -> String {
    let words = q.text.split(whereSeparator: { $0 == "?" || $0 == "(" }).first.map(String.init) ?? q.text
    return TextLayout.truncate(Sanitizer.line(words.trimmingCharacters(in: .whitespaces)), to: 22)
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
        let when = TimeText.short(s.latest.authored, now: state.now, state.config.timeZone)
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
        let day = { (c: CheckIn) in String(TimeText.full(c.authored, state.config.timeZone).prefix(10)) }
        let span = shown.count > 1 ? "\(shown.count) check-ins, \(day(shown.first!)) – \(day(s.latest))"
          : "latest " + TimeText.full(s.latest.authored, state.config.timeZone)
        lines.append((span, .dim))
        // Each question (dim), its answer under it.
        for q in s.form.questions {
          let answer = (s.latest.answers[q.linkId] ?? []).map(\.text).joined(separator: ", ")
          lines += TextLayout.wrap(q.text, width: panes.panel.width - 1).map { ($0, Role.dim) }
          var over = state.itemOver(s.form, q, in: s.latest).map { " ⚠ \($0)" } ?? ""
          // The trend where no mark says more (the panel is 40 columns).
          if over.isEmpty, let earlier = s.checkIns.dropLast().last?.place(q), let now = s.latest.place(q),
             let t = state.trend(earlier, now, state.direction(s.form, q)) { over = " (\(t))" + over }
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
