import Foundation
import Clinic
import TerminalUI

/// `i`: a check-in taken by phone, recorded from the keyboard. First the form; then its questions one at a time —
/// ↑/↓ and Enter choose an option (Enter toggles one of a multiple choice), text and numbers are typed, Tab and
/// Shift-Tab go to the next or previous question; after the last, the answers are checked against the form (the
/// question named when one is wrong) and Enter records them.
public struct CheckInEntry: Equatable, Sendable {
  public var patientID: PatientID
  public var patientName: String
  public var forms: [CheckInForm] = []
  /// The forms were read from the cache (until then the list is not "empty", only not read yet).
  public var formsLoaded = false
  public var form: CheckInForm?
  /// The question on screen; `questions.count` is the summary.
  public var question = 0
  public var answers: [String: [CheckIn.Answer]] = [:]
  /// What is typed for a text, number or date question.
  public var typed = ""
  public var scroll = ListScroll()
  public var problems: [CheckInProblem] = []
  /// Asking the patient for a check-in (`A`): choosing the form starts a message from the check-in request
  /// template, the form's name filled in — no questions here.
  public var asking = false
  /// A refused check-in this one corrects (its outbox entry), recorded in its place.
  public var replacing: Int64?
  /// Why the server refused the check-in being corrected.
  public var refusal: String?

  public init(patientID: PatientID, patientName: String) { self.patientID = patientID; self.patientName = patientName }

  /// A refused check-in, opened at its answers with the server's reason, to correct (Shift-Tab) and record again.
  public init(correcting r: RefusedCheckIn, form: CheckInForm, patientName: String) {
    self.init(patientID: r.checkIn.patientID, patientName: patientName)
    forms = [form]
    formsLoaded = true
    self.form = form
    answers = r.checkIn.answers
    replacing = r.outboxID
    refusal = r.reason
    question = form.questions.count
    problems = form.problems(answers)
  }

  var current: CheckInForm.Question? {
    guard let form, form.questions.indices.contains(question) else { return nil }
    return form.questions[question]
  }

  static func frame(_ screen: Rect) -> Rect { screen.centred(width: 76, height: 18) }

  func run(_ command: Command, _ c: OverlayContext) -> OverlayStep {
    var e = self
    let count = e.form == nil ? forms.count : (current?.choices.count ?? 0)
    if move(command, &e.scroll, count: count, visible: Self.frame(c.bounds).height - 5) { return .stay(.checkIn(e)) }
    switch command {
    case .cancel: return .close()
    case .deleteBack: if !e.typed.isEmpty { e.typed.removeLast() }
    case .nextQuestion: e.go(to: e.question + 1)
    case .previousQuestion: e.go(to: e.question - 1)
    case .accept: return e.accept(c)
    default: break
    }
    return .stay(.checkIn(e))
  }

  func type(_ text: String) -> OverlayStep {
    guard let q = current, q.choices.isEmpty else { return .stay(.checkIn(self)) }
    var e = self
    e.typed += text
    return .stay(.checkIn(e))
  }

  /// Keeps what is typed as the question's answer, then moves to question `i` (the summary after the last).
  mutating func go(to i: Int) {
    guard let form else { return }
    if let q = current, q.choices.isEmpty {
      let a = form.answer(to: q, from: typed)
      answers[q.linkId] = a.map { [$0] }
    }
    // Questions the answers so far do not ask are passed over, and what was answered to them is let go.
    let step = i < question ? -1 : 1
    var next = max(0, min(form.questions.count, i))
    while form.questions.indices.contains(next), !form.isEnabled(form.questions[next], answers) {
      answers[form.questions[next].linkId] = nil
      next += step
    }
    question = max(0, min(form.questions.count, next))
    typed = current.flatMap { q in answers[q.linkId]?.first.map(\.text) } ?? ""
    scroll = ListScroll()
    if let q = current, case .choice(let c)? = answers[q.linkId]?.first, let at = q.choices.firstIndex(of: c) {
      scroll.selected = at
    }
    problems = question == form.questions.count ? form.problems(answers) : []
  }

  private mutating func accept(_ c: OverlayContext) -> OverlayStep {
    guard let form else {
      guard forms.indices.contains(scroll.selected) else { return .stay(.checkIn(self)) }
      if asking {
        return .close([.askForCheckIn(patientID: patientID, formName: forms[scroll.selected].name,
                                      returnTo: c.screen)])
      }
      self.form = forms[scroll.selected]
      scroll = ListScroll()
      return .stay(.checkIn(self))
    }
    guard let q = current else {
      // The summary: recorded only when the form would take it.
      problems = form.problems(answers)
      guard problems.isEmpty else { return .stay(.checkIn(self)) }
      let checkIn = CheckIn(id: "", patientID: patientID, formID: form.id, authored: c.now, answers: answers)
      return .close([.recordCheckIn(checkIn, replacing: replacing)],
                    notice: "check-in recorded · it is sent with the next sync")
    }
    switch q.kind {
    case .single:
      answers[q.linkId] = q.choices.indices.contains(scroll.selected) ? [.choice(q.choices[scroll.selected])] : nil
      go(to: question + 1)
    case .multiple:
      guard q.choices.indices.contains(scroll.selected) else { break }
      let choice = CheckIn.Answer.choice(q.choices[scroll.selected])
      var given = answers[q.linkId] ?? []
      if let i = given.firstIndex(of: choice) { given.remove(at: i) } else { given.append(choice) }
      answers[q.linkId] = given.isEmpty ? nil : given
    default:
      go(to: question + 1)
    }
    return .stay(.checkIn(self))
  }
}
