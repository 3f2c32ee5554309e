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
