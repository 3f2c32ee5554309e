import Foundation
import Testing
import Clinic
import TerminalUI
import TestClinic
@testable import InboxApp

/// The inbox at the sizes clinicians' terminals have: the list keeps what it needs first, the direction of every
/// row shows, and the colleague a message was routed to is named.
@Suite struct LayoutFrameTests {
  static func state(width: Int, height: Int) -> AppState {
    var rows = Fixtures.inbox
    rows[0].routedTo = "Amara Okafor NP"
    var s = Fixtures.state(width: width, height: height, messages: rows, sidebar: true)
    _ = reduce(&s, .countsLoaded([.unread: 3, .mine: 5, .routed: 1, .unassigned: 2, .all: 5]))
    return s
  }

  @Test func at120x40TheSidebarAndEveryColumn() {
    let g = render(Self.state(width: 120, height: 40))
    assertSnapshot(g.snapshot, named: "layout-120x40")
    #expect(g.lines.contains { $0.hasPrefix("› All") }, "the sidebar, current view marked")
    #expect(g.lines[1].contains("→ P. Raman ⇒ A. Okafor"), "routed to whom, by name: \(g.lines[1])")
  }

  @Test func at100x30TheSidebarStillFits() {
    let g = render(Self.state(width: 100, height: 30))
    assertSnapshot(g.snapshot, named: "layout-100x30")
    #expect(g.lines[1].contains("│"), "a sidebar at 100 columns")
    #expect(g.lines[3].contains("│  to   Ana Costa"), "with the sidebar the list has 78 columns: sent rows say “to”")
  }

  @Test func at80x24TheViewsFoldToABar() {
    let g = render(Self.state(width: 80, height: 24))
    assertSnapshot(g.snapshot, named: "layout-80x24")
    #expect(g.lines[1].contains("›All 5‹"), "the views on one line: \(g.lines[1])")
    #expect(!g.lines[2].contains("│"), "no sidebar taking 22 columns")
    #expect(g.lines[2].contains("→ P. Raman ⇒ A. Okafor"), "to whom, and to whom it was routed: \(g.lines[2])")
    let sent = g.lines.firstIndex { $0.contains("Ana Costa") }!
    #expect(g.lines[sent].contains("← Priya Raman MD"), "who wrote to the patient: \(g.lines[sent])")
    #expect(g[10, sent].role == .dim, "and what the clinic sent is drawn apart")
  }

  @Test func at40x10TheDirectionIsAWord() {
    let g = render(Self.state(width: 40, height: 10))
    assertSnapshot(g.snapshot, named: "layout-40x10")
    let received = g.lines.firstIndex { $0.contains("李小龙") }!
    let sent = g.lines.firstIndex { $0.contains("Ana Costa") }!
    #expect(g.lines[received].dropFirst(2).hasPrefix("from"), "\(g.lines[received])")
    #expect(g.lines[sent].dropFirst(2).hasPrefix("to"), "\(g.lines[sent])")
  }

  @Test func aClickOnTheViewBarPicksTheView() throws {
    var s = Self.state(width: 80, height: 24)
    let sent = try #require(ViewBar.entries(s).first { $0.text.contains("Sent") })
    _ = reduce(&s, .key(.mouse(MouseEvent(.click, x: sent.columns.lowerBound + 1, y: 1))))
    #expect(s.inbox.query.view == .sent)
    _ = reduce(&s, .key(.tab))
    #expect(!s.viewBarVisible && s.listTop == 1, "Tab hides the bar; the list takes its row")
  }
}

/// An overlay over rows of wide characters, shrinking as one types and then closed: no half of a character is
/// left on the screen, and closing it gives back every cell as it was.
@Suite struct OverlayOverWideTextTests {
  @Test func theRoutePickerOverCJKRowsShrinksAndCloses() {
    let wide = (1...8).map { i in
      Fixtures.message(i, patient: "p\(i)", name: "李小龙\(i)", fromPatient: true,
                       text: "我的药快吃完了，可以帮我续药吗？谢谢医生。🇺🇦👍🏽", minutesAgo: Double(i), unread: i % 2 == 0)
    }
    var s = Fixtures.state(width: 81, height: 14, messages: wide)
    let before = render(s)
    _ = reduce(&s, .key(.character("a")))
    let staff = ["Amara Okafor NP", "Priya Raman MD", "Sam Jones RN", "Samantha Jones RN", "李医生"].enumerated().map {
      StaffMember(id: "s\($0.offset)", name: $0.element, email: nil, roles: ["MD"], active: true)
    }
    _ = reduce(&s, .staffLoaded(staff))
    let open = render(s)
    #expect(open.wideCharactersWhole)
    for c in "sam" { _ = reduce(&s, .key(.character(c))) }
    let shrunk = render(s)
    assertSnapshot(shrunk.snapshot, named: "picker-over-cjk")
    #expect(shrunk.wideCharactersWhole, "the smaller box leaves no half of a character")
    #expect(!shrunk.lines[shrunk.lines.count - 3].contains("┘"), "no stray corner under the shrunk box")
    _ = reduce(&s, .key(.escape))
    #expect(render(s) == before, "closed: every cell as it was, the flags and skin tones too")
  }
}
