import Foundation
import Testing
import Clinic
import TestClinic
import TerminalUI
@testable import InboxApp

/// Triage on screen: views with counts, the picker, help, privacy.
@Suite struct TriageFrameTests {
  static let staff = [
    StaffMember(id: "s1", name: "Samantha Jones RN", email: "samantha.jones@clinic.example", roles: ["RN"], active: true),
    StaffMember(id: "s2", name: "Marcus Oyelaran MD", email: "marcus.oyelaran@clinic.example", roles: ["MD"], active: true),
    StaffMember(id: "s3", name: "Élodie Brunet NP", email: "elodie.brunet@clinic.example", roles: ["NP"], active: true),
    StaffMember(id: "s4", name: "Tom Becker", email: "tom.becker@clinic.example", roles: ["MA"], active: true),
    StaffMember(id: "s5", name: "李 明", email: "li.ming@clinic.example", roles: ["CC"], active: true),
  ]

  @Test func pickerSchedulableAndAll() {
    var s = Fixtures.state(width: 100, height: 16)
    _ = reduce(&s, .key(.character("a")))
    _ = reduce(&s, .staffLoaded(Array(Self.staff.prefix(3))))
    assertSnapshot(render(s).snapshot, named: "picker-schedulable")
    _ = reduce(&s, .key(.tab))
    _ = reduce(&s, .staffLoaded(Self.staff))
    let all = render(s).text
    assertSnapshot(render(s).snapshot, named: "picker-all")
    #expect(all.contains("Tom Becker"))
    for c in "sjo" { _ = reduce(&s, .key(.character(c))) }
    #expect(render(s).text.contains("› Samantha Jones RN"))
  }

  @Test func routingAsksForANoteThenRoutes() {
    var s = Fixtures.state(width: 100, height: 16)
    _ = reduce(&s, .key(.character("a")))
    _ = reduce(&s, .staffLoaded(Self.staff))
    for c in "marc" { _ = reduce(&s, .key(.character(c))) }
    _ = reduce(&s, .key(.enter))
    #expect(render(s).text.contains("Route to Marcus Oyelaran MD"))
    for c in "call her" { _ = reduce(&s, .key(.character(c))) }
    let effects = reduce(&s, .key(.enter))
    #expect(effects == [.route(messageID: "m1", patientID: "p1", owner: "s2", note: "call her")])
    #expect(s.overlay == nil)
    #expect(reduce(&s, .key(.character("z"))) == [.cancelRoute(messageID: "m1", patientID: "p1")], "z takes the routing back")
  }

  @Test func everyPickerScrollsToItsSelection() {
    var s = Fixtures.state(width: 100, height: 16)
    _ = reduce(&s, .key(.character("a")))
    let many = (1...30).map { StaffMember(id: "s\($0)", name: "Staff Member \($0)", email: nil, roles: ["RN"], active: true) }
    _ = reduce(&s, .staffLoaded(many))
    for _ in 0..<20 { _ = reduce(&s, .key(.down)) }
    var text = render(s).text
    #expect(text.contains("› Staff Member 21"), "the selection is drawn, scrolled into view")
    #expect(!text.contains("Staff Member 1 "), "the first entries scrolled away")
    _ = reduce(&s, .key(.pageUp))
    text = render(s).text
    #expect(text.contains("› Staff Member") && !text.contains("› Staff Member 21"))
    // Help scrolls too, in a short window.
    var h = Fixtures.state(width: 100, height: 12)
    _ = reduce(&h, .key(.character("?")))
    let before = render(h).text
    let last = Command.of(.list).last!.rawValue
    #expect(!before.contains(last))
    for _ in 0..<12 { _ = reduce(&h, .key(.pageDown)) }
    #expect(render(h).text.contains(last), "help pages down to its last key, \(last)")
  }

  @Test func helpOverlayIsSearchable() {
    var s = Fixtures.state(width: 100, height: 30)
    _ = reduce(&s, .key(.character("?")))
    assertSnapshot(render(s).snapshot, named: "help-inbox")
    for c in "done" { _ = reduce(&s, .key(.character(c))) }
    let filtered = render(s).text
    #expect(filtered.contains("mark done"))
    #expect(!filtered.contains("route the message"))
    _ = reduce(&s, .key(.escape))
    #expect(s.overlay == nil)
  }

  @Test func commandLineCompletesAndRuns() {
    var s = Fixtures.state(width: 100, height: 12)
    _ = reduce(&s, .key(.character(":")))
    for c in "togg" { _ = reduce(&s, .key(.character(c))) }
    _ = reduce(&s, .key(.tab))
    #expect(s.overlay == .command(CommandPrompt(text: "toggle-", choices: ["toggle-sidebar", "toggle-unread"])))
    #expect(render(s).lines[10].contains("toggle-sidebar  toggle-unread"), "Tab lists the choices")
    for c in "unread" { _ = reduce(&s, .key(.character(c))) }
    #expect(reduce(&s, .key(.enter)) == [.setUnread(messageID: "m1", patientID: "p1", unread: false)])
  }

  @Test func privacyModeShowsInitialsAndNoText() {
    var s = Fixtures.state(width: 100, height: 10)
    _ = reduce(&s, .key(.character("p")))
    let g = render(s).text
    assertSnapshot(render(s).snapshot, named: "privacy")
    #expect(!g.contains("Zoë Müller") && g.contains("Z. M."))
    #expect(!g.contains("metformin"))
  }

  @Test func aReboundKeyWorksAndShowsInHints() {
    var s = Fixtures.state(width: 120, height: 10)
    s.config.keys = KeyMap(overrides: [.done: [.character("x")]])
    #expect(reduce(&s, .key(.character("x"))) == [.setDone(messageID: "m1", patientID: "p1", done: true)])
    #expect(reduce(&s, .key(.character("d"))) == [], "d is no longer done")
    #expect(render(s).lines[9].contains("x done"))
  }

  @Test func mouseClickSelectsDoubleClickOpensWheelScrolls() {
    var s = Fixtures.state(width: 100, height: 10)
    _ = reduce(&s, .key(.mouse(MouseEvent(.click, x: 30, y: 3))))
    #expect(s.inbox.selected == 2)
    #expect(reduce(&s, .key(.mouse(MouseEvent(.doubleClick, x: 30, y: 2)))) == [.loadThread(patientID: "p2")])
    s.inbox.selected = 0
    _ = reduce(&s, .key(.mouse(MouseEvent(.wheelDown, x: 30, y: 3))))
    #expect(s.inbox.selected == 3)
  }

  @Test func pickerFindsSamJonesHoweverTyped() {
    let staff = Self.staff + [StaffMember(id: "x", name: "Sam Jones", email: nil, roles: [], active: true)]
    for q in ["sam", "jon", "sjo", "SAM", "Jönes", "jnoes"] {
      #expect(StaffSearch.filter(staff, q).contains { $0.name == "Sam Jones" }, "\(q)")
    }
    #expect(StaffSearch.filter(staff, "elodie").first?.name == "Élodie Brunet NP", "accents do not matter")
    #expect(StaffSearch.filter(staff, "zzz").isEmpty)
    #expect(!StaffSearch.filter(staff, "sam").contains { $0.name.hasPrefix("Marcus") }, "no loose subsequence (m-a-r-c-u-S … A … M-d)")
  }

  @Test func searchAndSavedSearches() {
    var s = Fixtures.state(width: 110, height: 20, sidebar: true)
    s.sidebar.savedSearches = [SavedSearch(name: "Refills", view: .all, text: "refill")]
    _ = reduce(&s, .countsLoaded([.all: 5], saved: ["Refills": 1]))
    assertSnapshot(render(s).snapshot, named: "sidebar-saved-search")
    _ = reduce(&s, .key(.character("/")))
    for c in "metformin" { _ = reduce(&s, .key(.character(c))) }
    #expect(render(s).lines[19].hasPrefix("/metformin"))
    let effects = reduce(&s, .key(.enter))
    guard case .loadInbox(let q, _, _, _)? = effects.first else { Issue.record("expected a load"); return }
    #expect(q.search == "metformin" && q.view == .all)
    _ = reduce(&s, .inboxLoaded(offset: 0, rows: [Fixtures.inbox[0]], total: 1))
    #expect(render(s).lines[0].contains("All · “metformin” (1)"))
    // ] walks the views and then the saved searches.
    _ = reduce(&s, .key(.character("]")))
    #expect(s.inbox.query.search == "refill" && render(s).text.contains("› / Refills"))
  }
}

/// `/` as a search you can steer: it opens empty, Up recalls, Ctrl-U clears, Esc in the list puts the view back.
@Suite struct SteeredSearchTests {
  func search(_ words: String, _ s: inout AppState) -> [Effect] {
    _ = reduce(&s, .key(.character("/")))
    for c in words { _ = reduce(&s, .key(.character(c))) }
    return reduce(&s, .key(.enter))
  }

  @Test func opensEmptyRecallsClearsAndLeaves() {
    var s = Fixtures.state(width: 100, height: 12)
    _ = reduce(&s, .key(.character("j")))
    _ = reduce(&s, .key(.character("j")))
    let before = s.inbox
    _ = search("metformin", &s)
    #expect(s.inbox.query.search == "metformin")
    _ = search("results", &s)
    _ = reduce(&s, .key(.character("/")))
    #expect(s.overlay == .search(SearchPrompt()), "it opens empty")
    _ = reduce(&s, .key(.up))
    #expect(render(s).lines.last == "/results", "Up recalls the latest search")
    _ = reduce(&s, .key(.up))
    #expect(render(s).lines.last == "/metformin", "and the one before")
    _ = reduce(&s, .key(.control("u")))
    #expect(render(s).lines.last == "/", "Ctrl-U clears the line")
    _ = reduce(&s, .key(.escape))
    #expect(s.overlay == nil && s.inbox.query.search == "results", "Esc in the prompt changes nothing")
    let effects = reduce(&s, .key(.escape))
    #expect(s.inbox.query.search == nil, "Esc in the list leaves the search")
    #expect(s.inbox.selected == before.selected && s.inbox.top == before.top, "the view as it was, selection and all")
    #expect(effects.contains { if case .reload(_, let id, _, _, _) = $0 { id == before.selectedMessage?.id } else { false } })
  }
}
