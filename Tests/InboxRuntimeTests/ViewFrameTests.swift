import Foundation
import Testing
import Store
import TerminalUI
import TestClinic
@testable import InboxApp
@testable import InboxRuntime

/// Each view as the clinician sees it, its rows and the sidebar's counts read from a real cache by the runtime.
@Suite struct ViewFrameTests {
  @Test(arguments: InboxView.sidebar)
  func eachViewWithTheSidebar(view: InboxView) throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    try clinic.addUrgentAndRoutedByMe()
    var state = Fixtures.state(width: 130, height: 18, messages: [], sidebar: true)
    state.inbox = InboxList(query: state.inbox.query)   // as the runtime starts: nothing loaded or counted
    let runtime = Runtime(terminal: MemoryTerminal(width: 130, height: 18, keys: []), store: clinic.store, state: state)
    runtime.send(.countsLoaded(try clinic.store.viewCounts(me: Fixtures.me)))
    runtime.send(.resized(width: 130, height: 18))
    runtime.settle()
    // From All, the last view, back to this one — as the clinician's `[` does.
    for _ in 0..<(InboxView.sidebar.count - 1 - InboxView.sidebar.firstIndex(of: view)!) {
      runtime.send(.key(.character("[")))
      runtime.settle()
    }
    let g = render(runtime.state)
    assertSnapshot(g.snapshot, named: "view-\(view.rawValue)")
    #expect(g.lines[0].contains("clinbox · \(view.title)"))
    #expect(g.text.contains("› \(view.title)"), "the current view is marked in the sidebar")
    // The view's own count and the sidebar's agree, and the rows shown are that many.
    let total = runtime.state.inbox.total
    #expect(g.lines[0].contains("\(view.title) (\(total))"))
    let sidebarRow = try #require(g.lines.first { $0.contains("› \(view.title)") })
    #expect(sidebarRow.split(separator: "│").first?.split(separator: " ").last.map(String.init) == String(total),
            "sidebar: \(sidebarRow)")
    if view == .urgent { #expect(g.text.contains("⚑ chest pain")) }
    if view == .awaiting { #expect(g.text.contains("waiting 3 d 0 h !!")) }
    if view == .routedByMe { #expect(g.text.contains("OVERDUE ⇒ S. Okafor requested 2 d ago, due")) }
    // Every row says which way it went: to a clinician (→) or from one (←).
    let rows = g.lines.dropFirst().map { String($0.split(separator: "│").dropFirst().first ?? "") }
    #expect(rows.filter { $0.contains("→ ") || $0.contains("← ") }.count == total)
  }
}
