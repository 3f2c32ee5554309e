import Foundation
import Testing
import Clinic
import TerminalUI
import TestClinic
@testable import InboxApp

/// Every command of the action table, in every mode it is listed for, does something when its key is pressed
/// there — so no key of the README or of `?` is a row that leads nowhere.
@Suite struct EveryKeyTests {
  static let staff = ["Amara Okafor NP", "Priya Raman MD", "Sam Jones RN"].enumerated().map {
    StaffMember(id: "s\($0.offset)", name: $0.element, email: nil, roles: ["MD"], active: true)
  }

  /// A state in `mode` where `command` has something to act on: a selection with rows on both sides, a thread
  /// longer than the screen, text on both sides of the cursor, a search history, tagged messages.
  static func state(for command: Command, in mode: Mode) -> AppState {
    var s = Fixtures.state(width: 100, height: 8, sidebar: true)
    s.triage.searchHistory = ["metformin", "refill"]
    func press(_ keys: Key...) { for k in keys { _ = reduce(&s, .key(k)) } }
    let thread = (0..<6).map { i in
      Fixtures.message(30 + i, patient: "p1", name: "Zoë Müller", fromPatient: i % 2 == 0,
                       text: "Line one of message \(i)\nline two\nline three", minutesAgo: Double(60 - i))
    }
    switch mode {
    case .list:
      press(.character("j"), .character("j"))
      if command == .leaveSearch { s.triage.beforeSearch = s.inbox; s.inbox.query.search = "refill" }
    case .thread:
      _ = reduce(&s, .threadLoaded(patientID: "p1", patient: Fixtures.patient, messages: thread, total: 6))
      s.thread?.top = 3
    case .editor, .confirm:
      _ = reduce(&s, .composeStarted(patientID: "p1", patientName: "Zoë Müller", draftID: "d1",
                                     text: "Hello ⟦name?⟧ there\nsecond line here", cursor: 9, values: [:],
                                     returnTo: .thread, thread: thread))
      if command == .redoEdit { press(.character("x"), .control("z")) }
      if command == .yank { press(.control("w")) }
      if mode == .confirm { press(.escape) }
    case .picker:
      press(.character("a"))
      _ = reduce(&s, .staffLoaded(staff))
      press(.down)
    case .prompt:
      let opens: Character = command == .complete ? ":" : "/"
      press(.character(opens), .character("q"))
    case .help:
      press(.character("?"), .down)
    case .tagged:
      press(.character("t"), .character("t"), .character(";"))
    case .form:
      press(.character("i"))
      _ = reduce(&s, .checkInFormsLoaded([CheckInPanelTests.mood]))
      press(.enter, .down)   // the form chosen, the second option of its first question highlighted
      if command == .deleteBack { press(.tab, .tab, .character("x")) }
    }
    return s
  }

  @Test(arguments: Mode.allCases)
  func everyCommandOfTheModeDoesSomething(mode: Mode) {
    for command in Command.of(mode) {
      guard let key = command.effectiveKeys(in: mode).first else { continue }
      var s = Self.state(for: command, in: mode)
      #expect(s.mode == mode, "\(command): set up in \(mode)")
      let before = s
      let effects = reduce(&s, .key(key))
      // Any key marks the clinician present (the idle lock's clock): that alone is not the command doing something.
      s.session.lastInput = before.session.lastInput
      #expect(s != before || !effects.isEmpty, "\(KeyMap.name(key)) (\(command.rawValue)) does nothing in \(mode)")
    }
  }
}
