import Foundation
import Testing
import Clinic
import TerminalUI
import TestClinic
@testable import InboxApp

/// A check-in taken by phone, recorded from the keyboard: the form, each question, the answers checked.
@Suite struct CheckInEntryTests {
  func press(_ keys: Key..., in s: inout AppState) -> [Effect] { keys.flatMap { reduce(&s, .key($0)) } }

  func opened() -> AppState {
    var s = Fixtures.state(width: 100, height: 30)
    #expect(press(.character("i"), in: &s) == [.loadCheckInForms])
    _ = reduce(&s, .checkInFormsLoaded([CheckInPanelTests.mood]))
    return s
  }

  @Test func answeredQuestionByQuestionAndRecorded() {
    var s = opened()
    #expect(render(s).text.contains("Record a check-in for Zoë Müller"))
    _ = press(.enter, in: &s)   // Mood check-in
    #expect(render(s).text.contains("1/3 Little interest or pleasure in doing things"))
    _ = press(.down, .enter, in: &s)   // Several days
    _ = press(.down, .down, .down, .enter, in: &s)   // Nearly every day
    #expect(render(s).text.contains("3/3 Anything else"))
    for c in "sleeping badly" { _ = reduce(&s, .key(.character(c))) }
    _ = press(.enter, in: &s)
    let summary = render(s).text
    #expect(summary.contains("Feeling down, depressed, or hopeless: Nearly every day"))
    #expect(summary.contains("Enter records it"))
    let recorded = press(.enter, in: &s)
    let q = CheckInPanelTests.mood.questions
    #expect(recorded == [.recordCheckIn(CheckIn(id: "", patientID: "p1", formID: "q-mood", authored: Fixtures.now,
                                                answers: ["interest": [.choice(q[0].choices[1])],
                                                          "down": [.choice(q[1].choices[3])],
                                                          "note": [.text("sleeping badly")]]))])
    #expect(s.overlay == nil && s.status.notice?.hasPrefix("check-in recorded") == true)
  }

  @Test func aSkippedScoredQuestionIsNamedAndNothingIsRecorded() {
    var s = opened()
    _ = press(.enter, .down, .enter, in: &s)   // the first answered, then Tab past the second and the third
    _ = press(.tab, .tab, in: &s)
    let summary = render(s).text
    #expect(summary.contains("✗ “Feeling down, depressed, or hopeless”: needs an answer"), "the question named")
    #expect(press(.enter, in: &s).isEmpty, "nothing recorded while the form would refuse it")
    _ = press(.backTab, .backTab, in: &s)
    #expect(render(s).text.contains("2/3 Feeling down"), "Shift-Tab goes back to the question")
    _ = press(.enter, in: &s)
    _ = press(.tab, in: &s)
    #expect(!render(s).text.contains("✗"), "answered: no problem left")
    #expect(press(.enter, in: &s).count == 1)
  }
}

/// `I`: the patient's check-ins over time as a table, one in full on Enter.
@Suite struct CheckInHistoryTests {
  @Test func everyCheckInARowNewestFirstAndOneInFull() {
    var s = CheckInPanelTests.thread(width: 120, height: 20)
    #expect(reduce(&s, .key(.character("I"))) == [.loadCheckIns(patientID: "p1")])
    let thread = s.thread!
    _ = reduce(&s, .checkInsLoaded(patientID: "p1", checkIns: thread.checkIns, forms: thread.forms))
    let g = render(s)
    assertSnapshot(g.snapshot, named: "checkin-history-120x20")
    let rows = g.lines.filter { $0.contains("Mood check-in") && $0.contains("/6") }
    #expect(rows.count == 4, "a row a check-in: \(rows)")
    #expect(rows.map { $0.contains("5/6") } == [true, false, false, false], "newest first")
    #expect(g.lines.contains { $0.contains("when") && $0.contains("score") && $0.contains("Feeling down") },
            "a column a question")
    _ = reduce(&s, .key(.down))
    _ = reduce(&s, .key(.enter))
    let one = render(s).text
    #expect(one.contains("score 4/6") && one.contains("  More than half the days"), "the second newest, in full")
    _ = reduce(&s, .key(.escape))
    #expect(render(s).lines.filter { $0.contains("/6") }.count >= 4, "Esc: back to the table")
    _ = reduce(&s, .key(.escape))
    #expect(s.overlay == nil)
  }
}

/// `enableWhen`: a question asked only after a given answer is passed over otherwise, and not accepted.
@Suite struct EnableWhenTests {
  static let yesNo = [CheckInForm.Choice(system: "s", code: "Y", display: "Yes"),
                      CheckInForm.Choice(system: "s", code: "N", display: "No")]
  static let form = CheckInForm(id: "q-se", name: "Side effects", questions: [
    .init(linkId: "any", text: "Any side effects?", kind: .single, choices: yesNo),
    .init(linkId: "which", text: "Which ones?", kind: .text,
          enableWhen: [.init(question: "any", test: .equals("Y"))]),
    .init(linkId: "sleep", text: "Sleeping well?", kind: .single, choices: yesNo),
  ])

  @Test func aQuestionNotAskedIsPassedOverAndRefused() {
    #expect(Self.form.problems(["any": [.choice(Self.yesNo[1])], "which": [.text("rash")], "sleep": [.choice(Self.yesNo[0])]])
              .map(\.linkId) == ["which"], "answered though not asked")
    #expect(Self.form.problems(["any": [.choice(Self.yesNo[0])], "which": [.text("rash")], "sleep": [.choice(Self.yesNo[0])]])
              .isEmpty)
    var s = Fixtures.state(width: 100, height: 30)
    _ = reduce(&s, .key(.character("i")))
    _ = reduce(&s, .checkInFormsLoaded([Self.form]))
    for key: Key in [.enter, .down, .enter] { _ = reduce(&s, .key(key)) }   // the form; "No"
    #expect(render(s).text.contains("3/3 Sleeping well?"), "“Which ones?” is not asked after No")
    for key: Key in [.backTab] { _ = reduce(&s, .key(key)) }
    #expect(render(s).text.contains("1/3 Any side effects?"), "and Shift-Tab passes over it back too")
    for key: Key in [.up, .enter] { _ = reduce(&s, .key(key)) }   // from the kept "No" up to "Yes"
    #expect(render(s).text.contains("2/3 Which ones?"), "after Yes it is asked: \(render(s).text)")
  }
}

/// A check-in the server refused shows in the panel with its reason, opens from `I` as answered, and is recorded
/// again in its place.
@Suite struct RefusedCheckInViewTests {
  @Test func correctedAndRecordedInItsPlace() {
    var s = CheckInPanelTests.thread(width: 80, height: 24)
    let t = s.thread!
    let refused = RefusedCheckIn(outboxID: 7, checkIn: t.checkIns[0],
                                 reason: "Question received an invalid response option code: LA9")
    _ = reduce(&s, .checkInsLoaded(patientID: "p1", checkIns: t.checkIns, forms: t.forms, refused: [refused]))
    let panel = render(s)
    #expect(panel.lines[1].hasPrefix("✗ a check-in was refused: Question received an invalid response option code"))
    #expect(panel[0, 1].role == .warning)
    _ = reduce(&s, .key(.character("I")))
    _ = reduce(&s, .checkInsLoaded(patientID: "p1", checkIns: t.checkIns, forms: t.forms, refused: [refused]))
    #expect(render(s).text.contains("✗ refused: Question received an invalid response option code: LA9"))
    _ = reduce(&s, .key(.enter))
    #expect(render(s).text.contains("The server refused it"), "opened at its answers, with the reason")
    let effects = reduce(&s, .key(.enter))
    #expect(effects == [.recordCheckIn(CheckIn(id: "", patientID: "p1", formID: "q-mood", authored: Fixtures.now,
                                               answers: t.checkIns[0].answers), replacing: 7)])
  }
}
