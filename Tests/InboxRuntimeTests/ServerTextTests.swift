import Foundation
import Testing
import Store
import FHIRMapping
import TerminalUI
import TestClinic
@testable import InboxApp

/// Server text as the cache stores it, drawn by the core: nothing it holds can act on the terminal.
@Suite struct ServerTextTests {
  @Test func anEntityThatDecodesToAnEscapeIsShownInert() {
    // `&#27;` in an HTML body becomes ESC in the stored text (nothing the server sent is lost) — and on screen
    // only its picture, so it cannot clear the screen.
    let text = HTMLText.plain("<p>&#27;[2J then words</p>")
    let m = Fixtures.message(9, patient: "p9", name: "Ana Costa", fromPatient: true, text: text, minutesAgo: 1)
    var s = Fixtures.state(width: 100, height: 8, messages: [m])
    _ = reduce(&s, .threadLoaded(patientID: "p9", patient: nil, messages: [m], total: 1))
    for g in [render(Fixtures.state(width: 100, height: 8, messages: [m])), render(s)] {
      #expect(g.text.contains("␛[2J then words"))
      #expect(!g.text.unicodeScalars.contains { $0.value == 0x1B })
    }
  }
}
