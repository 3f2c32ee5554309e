import Foundation
import Testing
import Clinic
import TerminalUI
import TestClinic
@testable import InboxApp

/// After `/`, a thread opened from the results: `n` and `N` go from one line with a searched word to the next,
/// the word highlighted.
@Suite struct SearchHitTests {
  func thread(search: String?) -> AppState {
    var s = Fixtures.state(width: 80, height: 10)
    s.inbox.query.search = search
    let messages = (0..<6).map { i in
      Fixtures.message(40 + i, patient: "p1", name: "Zoë Müller", fromPatient: i % 2 == 0,
                       text: i == 1 || i == 4 ? "About the Metformin dose, take it with dinner." : "Message \(i).",
                       minutesAgo: Double(100 - i))
    }
    _ = reduce(&s, .threadLoaded(patientID: "p1", patient: Fixtures.patient, messages: messages, total: 6))
    return s
  }

  @Test func nAndNGoBetweenHitsHighlighted() {
    var s = thread(search: "metformin")
    _ = reduce(&s, .key(.character("g")))
    _ = reduce(&s, .key(.character("n")))
    var g = render(s)
    #expect(g.lines[1].contains("About the Metformin dose"), "the first hit at the top: \(g.lines[1])")
    let column = g.lines[1].distance(from: g.lines[1].startIndex, to: g.lines[1].range(of: "Metformin")!.lowerBound)
    #expect(g[column, 1].role == .selected && g[column + 8, 1].role == .selected, "the word highlighted")
    #expect(g[column - 1, 1].role != .selected, "and only the word")
    _ = reduce(&s, .key(.character("n")))
    g = render(s)
    let second = s.thread!.hits[1] - s.thread!.top + 1
    #expect(g.lines[second].contains("About the Metformin dose") && g[column, second].role == .selected,
            "the second hit, on screen, highlighted")
    _ = reduce(&s, .key(.character("n")))
    #expect(s.status.notice == "no more matches")
    _ = reduce(&s, .key(.character("N")))
    #expect(s.thread!.currentHit == s.thread!.hits[0], "N goes back")
  }

  @Test func withoutASearchNSaysSo() {
    var s = thread(search: nil)
    _ = reduce(&s, .key(.character("n")))
    #expect(s.status.notice == "nothing searched in this thread (/ in the inbox)")
  }
}
