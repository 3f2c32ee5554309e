import Foundation
import Testing
import Clinic
import TerminalUI
import TestClinic
@testable import InboxApp

/// The thread's check-in panel: how the patient has been doing, read at a glance beside or above their messages.
@Suite struct CheckInPanelTests {
  static let loinc = "http://loinc.org"
  static let frequency = ["Not at all", "Several days", "More than half the days", "Nearly every day"]
  static let mood = CheckInForm(id: "q-mood", name: "Mood check-in", questions: [
    .init(linkId: "interest", text: "Little interest or pleasure in doing things", kind: .single,
          choices: frequency.enumerated().map { .init(system: loinc, code: "LA\($0.offset)", display: $0.element) }),
    .init(linkId: "down", text: "Feeling down, depressed, or hopeless", kind: .single,
          choices: frequency.enumerated().map { .init(system: loinc, code: "LA\($0.offset)", display: $0.element) }),
    .init(linkId: "note", text: "Anything else", kind: .text),
  ], codes: ["55757-9"])   // LOINC's PHQ-2, as the sandbox's form carries

  /// A mood check-in `weeksAgo` whose two answers are at places `a` and `b` of the scale.
  static func checkIn(_ a: Int, _ b: Int, weeksAgo: Double) -> CheckIn {
    let q = mood.questions
    return CheckIn(id: "r\(weeksAgo)", patientID: "p1", formID: "q-mood",
                   authored: Fixtures.now.addingTimeInterval(-weeksAgo * 7 * 86_400),
                   answers: ["interest": [.choice(q[0].choices[a])], "down": [.choice(q[1].choices[b])],
                             "note": [.text("sleeping badly")]])
  }

  /// Scores 1, 2, 4, 5 over four weeks: worse, and over the PHQ-2 threshold of 3.
  static func thread(width: Int, height: Int) -> AppState {
    var s = Fixtures.state(width: width, height: height)
    let messages = [Fixtures.inbox[4], Fixtures.inbox[0]]
    _ = reduce(&s, .threadLoaded(patientID: "p1", patient: Fixtures.patient, messages: messages, total: 2))
    let checkIns = [checkIn(0, 1, weeksAgo: 3), checkIn(1, 1, weeksAgo: 2), checkIn(2, 2, weeksAgo: 1),
                    checkIn(2, 3, weeksAgo: 0)]
    _ = reduce(&s, .checkInsLoaded(patientID: "p1", checkIns: checkIns, forms: [mood]))
    return s
  }

  @Test func at120x40ThePanelSitsBesideTheMessagesWithTheLatestAnswers() {
    let g = render(Self.thread(width: 120, height: 40))
    assertSnapshot(g.snapshot, named: "checkins-120x40")
    let panel = g.lines.map { String($0.dropFirst(120 - ThreadPanes.panelWidth + 1)) }
    let trend = try! #require(panel.firstIndex { $0.hasPrefix("▂▃▅▆ 5/6") }, "scores 1, 2, 4, 5 of 6: \(panel)")
    #expect(panel[trend].contains("⚠ at or over 3, worse"))
    #expect(g[120 - ThreadPanes.panelWidth + 1, trend].role == .warning, "the mark stands out")
    let down = try! #require(panel.firstIndex { $0.hasPrefix("Feeling down, depressed, or hopeless") })
    #expect(panel[down + 1] == "  Nearly every day (worse)", "the latest answer under its question, and its trend")
    let note = try! #require(panel.firstIndex { $0.hasPrefix("Anything else") })
    #expect(panel[note + 1] == "  sleeping badly")
    #expect(g.lines.contains { $0.contains("Could you refill my metformin?") }, "the messages still read")
  }

  @Test func at80x24ALineAFormAboveTheMessages() {
    let g = render(Self.thread(width: 80, height: 24))
    assertSnapshot(g.snapshot, named: "checkins-80x24")
    #expect(g.lines[1].hasPrefix("Mood check-in ▂▃▅▆ 5/6 ⚠ at or over 3, worse · "))
    #expect(g[0, 1].role == .warning)
    #expect(g.lines[2].hasPrefix("─ messages"))
  }

  @Test func belowThatItFoldsAway() {
    let g = render(Self.thread(width: 70, height: 16))
    #expect(!g.text.contains("Mood check-in"), "no room: the messages keep the screen")
  }

  @Test func underTheThresholdThereIsNoMark() {
    var s = Self.thread(width: 80, height: 24)
    s.config.checkInThresholds = ["Mood check-in": 6]
    let g = render(s)
    #expect(g.lines[1].hasPrefix("Mood check-in ▂▃▅▆ 5/6 worse · ") && g[0, 1].role == .normal,
            "a threshold from the config moves the mark: \(g.lines[1])")
  }
}

/// A question's own threshold from the config marks its answer, even where the form's score is under its own.
@Suite struct ItemThresholdTests {
  @Test func anAnswerAtOrOverItsQuestionsThresholdIsMarked() {
    var wide = CheckInPanelTests.thread(width: 120, height: 40)
    wide.config.checkInThresholds = ["Mood check-in": 6, "Mood check-in / Feeling down, depressed, or hopeless": 3]
    let g = render(wide)
    let x = 120 - ThreadPanes.panelWidth + 1
    let panel = g.lines.map { String($0.dropFirst(x)) }
    let answer = try! #require(panel.firstIndex { $0.hasPrefix("  Nearly every day") })
    #expect(panel[answer] == "  Nearly every day ⚠ at or over 3" && g[x + 2, answer].role == .warning)
    #expect(!panel.contains { $0.contains("More than half the days ⚠") }, "the other question has no threshold")
    var narrow = CheckInPanelTests.thread(width: 80, height: 24)
    narrow.config.checkInThresholds = wide.config.checkInThresholds
    let line = render(narrow).lines[1]
    #expect(line.contains("5/6 worse ⚠ Feeling down, depressed…") && render(narrow)[0, 1].role == .warning, "\(line)")
  }
}
