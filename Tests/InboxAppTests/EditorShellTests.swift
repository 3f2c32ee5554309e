import Foundation
import Testing
import Clinic
import TerminalUI
import TestClinic
@testable import InboxApp

/// The compose pane's keys as a shell user's hands know them, driven through `reduce` as keys.
@Suite struct EditorShellTests {
  func composing(_ text: String, width: Int = 80) -> AppState {
    var s = Fixtures.state(width: width, height: 10)
    _ = reduce(&s, .composeStarted(patientID: "p1", patientName: "Zoë Müller", draftID: nil, text: text,
                                   cursor: text.count, values: [:], returnTo: .inbox))
    return s
  }

  func press(_ keys: Key..., in s: inout AppState) -> [Effect] {
    keys.flatMap { reduce(&s, .key($0)) }
  }

  func text(_ s: AppState) -> String { s.compose?.editor.text ?? "" }

  @Test func cutToTheEndsOfTheLineAndAWordBackThenPasteIt() {
    var s = composing("Please call the clinic today")
    let saved = press(.control("w"), in: &s)
    #expect(text(s) == "Please call the clinic ", "Ctrl-W cuts the word before the cursor")
    #expect(saved.contains { if case .saveDraft = $0 { true } else { false } }, "and the draft is saved")
    _ = press(.control("a"), in: &s)
    _ = press(.control("k"), in: &s)
    #expect(text(s).isEmpty, "Ctrl-A then Ctrl-K cut the whole line")
    _ = press(.control("y"), in: &s)
    #expect(text(s) == "Please call the clinic ", "Ctrl-Y pastes it back")
    _ = press(.left, .left, .control("u"), in: &s)
    #expect(text(s) == "c ", "Ctrl-U cuts to the start of the line")
    _ = press(.control("e"), in: &s)
    #expect(s.compose?.editor.cursor == 2, "Ctrl-E is the end of the line, not $EDITOR")
    #expect(press(.control("x"), in: &s) == [.externalEditor(text: "c ")], "Ctrl-X opens $EDITOR")
  }

  @Test func tabSelectsTheNextBlankAndTypingReplacesIt() {
    var s = composing("Hello ⟦patient.first?⟧, your ⟦test?⟧ is back.")
    _ = press(.tab, in: &s)
    #expect(s.compose?.editor.selection != nil)
    let frame = render(s)
    let row = frame.lines.firstIndex { $0.contains("Hello") }!
    let start = frame.lines[row].distance(from: frame.lines[row].startIndex, to: frame.lines[row].firstIndex(of: "⟦")!)
    #expect(frame[start, row].role == .selected, "the selected blank is drawn selected")
    for c in "Zoë" { _ = reduce(&s, .key(.character(c))) }
    #expect(text(s) == "Hello Zoë, your ⟦test?⟧ is back.")
    _ = press(.tab, in: &s)
    for c in "A1c" { _ = reduce(&s, .key(.character(c))) }
    #expect(text(s) == "Hello Zoë, your A1c is back.")
    _ = press(.tab, in: &s)
    #expect(s.status.notice == "no ⟦blanks⟧ to fill")
  }

  @Test func shiftTabGoesBackAndAMoveLetsTheSelectionGo() {
    var s = composing("⟦a?⟧ and ⟦b?⟧")
    _ = press(.backTab, in: &s)
    #expect(s.compose?.editor.selection == 9..<13, "Shift-Tab from the end selects the last blank")
    _ = press(.left, in: &s)
    #expect(s.compose?.editor.selection == nil)
    _ = reduce(&s, .key(.character("x")))
    #expect(text(s) == "⟦a?⟧ andx ⟦b?⟧", "after a move, typing inserts")
  }
}

/// Readline's moves by character and word, and Up/Down by screen row, driven as keys through `reduce`.
@Suite struct EditorMoveKeyTests {
  func composing(_ text: String, width: Int) -> AppState {
    var s = Fixtures.state(width: width, height: 10)
    _ = reduce(&s, .composeStarted(patientID: "p1", patientName: "Zoë Müller", draftID: nil, text: text,
                                   cursor: 0, values: [:], returnTo: .inbox))
    return s
  }

  @Test func ctrlBAndFMoveACharacterAltBAndFAWord() {
    var s = composing("refill your metformin today", width: 80)
    _ = reduce(&s, .key(.alt("f")))
    _ = reduce(&s, .key(.alt("f")))
    #expect(s.compose?.editor.cursor == 12, "Alt-F twice: after “refill your ”")
    _ = reduce(&s, .key(.control("f")))
    #expect(s.compose?.editor.cursor == 13, "Ctrl-F: one character right")
    _ = reduce(&s, .key(.control("b")))
    _ = reduce(&s, .key(.alt("b")))
    #expect(s.compose?.editor.cursor == 7, "Ctrl-B back a character, Alt-B to the start of “your”")
  }

  @Test func downInThePaneIsTheNextScreenRowNotTheNextParagraph() {
    // At 40 columns the pane's text is 39 wide: the first paragraph takes two rows.
    var s = composing("Thank you for sending your blood pressure readings this week.\nSee you soon.", width: 40)
    _ = reduce(&s, .key(.down))
    let e = s.compose!.editor
    #expect(e.position(of: e.cursor, width: s.editorWidth).row == 1)
    #expect(e.text[e.text.index(e.text.startIndex, offsetBy: e.cursor)...].hasPrefix("pressure readings"),
            "still in the first paragraph, on its second row")
  }
}
