import Foundation
import Testing
import Clinic
import TerminalUI
import TestClinic
import Templates
@testable import InboxApp

/// The reply is written in sight of the patient's words: above the editor on a narrow screen, the thread beside it
/// on a wide one; Ctrl-Q quotes the message answered.
@Suite struct ComposeFrameTests {
  static let thread: [Message] = [
    Fixtures.message(20, patient: "p1", name: "Zoë Müller", fromPatient: false,
                     text: "Your A1c is back: 7.9%. Let us talk about the dose at your next visit.", minutesAgo: 600),
    Fixtures.message(21, patient: "p1", name: "Zoë Müller", fromPatient: true,
                     text: "Could you refill my metformin? I have five days left.\nAlso, is it fine to take it with"
                       + " my evening meal instead of breakfast? Breakfast upsets my stomach.", minutesAgo: 5),
  ]

  func composing(width: Int, height: Int, text: String = "") -> AppState {
    var s = Fixtures.state(width: width, height: height)
    _ = reduce(&s, .composeStarted(patientID: "p1", patientName: "Zoë Müller", draftID: nil, text: text,
                                   cursor: text.count, values: [:], returnTo: .thread, thread: Self.thread))
    return s
  }

  @Test func at80x24TheMessageAnsweredSitsAboveTheReply() {
    let reply = "Dear Zoë, yes: I have sent the refill to your pharmacy and evening is fine."
    let s = composing(width: 80, height: 24, text: reply)
    let g = render(s)
    assertSnapshot(g.snapshot, named: "compose-80x24")
    #expect(g.lines[2].contains("Could you refill my metformin?"), "the patient's words, at the top")
    let rule = g.lines.firstIndex { $0.hasPrefix("─ your reply") }!
    #expect(g.lines[rule + 1].hasPrefix("Dear Zoë, yes"), "the reply below the rule")
    #expect(g.lines.allSatisfy { !$0.hasSuffix("pharma") }, "no word cut at the row's end")
  }

  @Test func at120x40TheThreadSitsBesideTheReply() {
    let s = composing(width: 120, height: 40, text: "Dear Zoë,\n\nYes — evening is fine.")
    let g = render(s)
    assertSnapshot(g.snapshot, named: "compose-120x40")
    let left = ComposeLayout(width: 120, height: 40, hasContext: true).editor.x
    #expect(g.lines.contains { $0.contains("Your A1c is back") }, "earlier messages of the thread on the left")
    #expect(g.lines[1].dropFirst(left).hasPrefix("Dear Zoë,"), "the reply on the right, from its first row")
    #expect(g[left - 2, 5].character == "│")
  }

  @Test func ctrlQQuotesTheMessageAnsweredLineByLine() {
    var s = composing(width: 80, height: 24)
    _ = reduce(&s, .key(.control("q")))
    let text = s.compose?.editor.text ?? ""
    #expect(text.hasPrefix("> Could you refill my metformin? I have five days left.\n> Also, is it fine"))
    #expect(text.hasSuffix("stomach.\n\n"), "a blank line after the quote, the cursor ready to answer")
    let g = render(s)
    let quoted = g.lines.firstIndex { $0.hasPrefix("> Could you") }!
    #expect(g[0, quoted].role == .dim, "quoted lines drawn apart from the reply")
  }

  @Test func theTemplatePreviewLeavesThePatientsWordsInSight() {
    var s = composing(width: 80, height: 24)
    s.config.templates = [Template(id: "refill", text: "name: Refill sent\n---\nYour refill is at the pharmacy.")]
    _ = reduce(&s, .key(.control("t")))
    let g = render(s)
    #expect(g.lines[2].contains("Could you refill my metformin?"), "the message stays above the picker")
    #expect(g.text.contains("Your refill is at the pharmacy."), "and the preview shows")
  }

  @Test func withoutAMessageToAnswerTheEditorHasTheScreen() {
    var s = Fixtures.state(width: 80, height: 24)
    _ = reduce(&s, .composeStarted(patientID: "p9", patientName: "New Patient", draftID: nil, text: "",
                                   cursor: 0, values: [:], returnTo: .inbox))
    #expect(render(s).lines[1].hasPrefix("Type the message"))
    _ = reduce(&s, .key(.control("q")))
    #expect(s.status.notice == "no message to quote")
  }
}
