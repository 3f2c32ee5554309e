import Foundation
import Testing
import Clinic
import TerminalUI
import TestClinic
@testable import InboxApp

/// Awaiting reply's ages and thresholds, the urgent mark and label, due dates in a routing note, covering a
/// colleague from the inbox, and being told of arrivals — on the pure core, with the clock fixed.
@Suite struct WatchTests {
  func press(_ keys: Key..., in s: inout AppState) -> [Effect] { keys.flatMap { reduce(&s, .key($0)) } }
  func iso(_ d: Date) -> String { ISO8601DateFormatter().string(from: d) }

  /// Three threads waiting 2 hours, 26 hours and 80 hours, with a 1-day warning and a 3-day alarm.
  func awaiting() -> AppState {
    var s = Fixtures.state(width: 120, height: 12, messages: [])
    s.inbox = InboxList(query: MessageQuery(view: .awaiting, me: Fixtures.me))
    var rows = Array(Fixtures.inbox.filter(\.isFromPatient).prefix(3))
    for (i, hours) in [80.0, 26, 2].enumerated() { rows[i].waitingSince = Fixtures.now.addingTimeInterval(-hours * 3_600) }
    _ = reduce(&s, .inboxLoaded(offset: 0, rows: rows, total: 3))
    _ = reduce(&s, .countsLoaded([.awaiting: 3], longestWait: Fixtures.now.addingTimeInterval(-80 * 3_600)))
    return s
  }

  @Test func waitsReadInWordsAndPastTheThresholdsInMarksAndColour() {
    let s = awaiting()
    let g = render(s)
    let lines = g.lines
    #expect(lines[1].contains("waiting 3 d 8 h !!"))
    #expect(lines[1].contains("Nov 15") && !lines[1].contains("11:01"), "the time column is when the wait began")
    #expect(lines[2].contains("waiting 1 d 2 h !") && !lines[2].contains("!!"))
    #expect(lines[3].contains("waiting 2 h 0 min") && !lines[3].contains("!"))
    // The first row is selected (its own role); the second's wait is a warning, not just its letters.
    let x2 = lines[2].range(of: "waiting").map { CellWidth.of(String(lines[2][..<$0.lowerBound])) } ?? 0
    #expect(Array(g.roleLines[2])[x2] == Role.warning.letter)
    #expect(lines.last?.contains("longest wait 3 d 8 h") == true, "the status line names the longest wait")
  }

  @Test func aRedFlagNamesWhatWasFoundAndRoutingItOffersTheUrgentLabel() {
    var s = Fixtures.state(width: 120, height: 12)
    s.inbox.rows[0].redFlag = RedFlag(concept: "chest pain", words: "chest pain", context: "now, the patient's own")
    #expect(render(s).lines[1].contains("⚑ chest pain"))
    _ = press(.character("a"), in: &s)
    let sam = StaffMember(id: "sam", name: "Sam Okafor RN", email: nil, roles: ["RN"], active: true)
    _ = reduce(&s, .staffLoaded([sam]))
    _ = press(.enter, in: &s)
    #expect(render(s).text.contains("label Urgent (Tab: off)"))
    for ch in "call her, due tomorrow" { _ = press(.character(ch), in: &s) }
    var effects = press(.enter, in: &s)
    guard case .route(_, _, _, let note, let labels, let due)? = effects.first else { Issue.record("no route"); return }
    #expect(note == "call her, due tomorrow" && labels == ["Urgent"])
    // Tomorrow in the clinic's time zone (UTC here), at the day's end.
    #expect(due.map(iso) == "2026-11-19T23:59:59Z")

    // Tab takes the label off; a message with no red flag is not offered it.
    _ = press(.character("z"), in: &s)
    _ = press(.character("a"), in: &s)
    _ = reduce(&s, .staffLoaded([sam]))
    _ = press(.enter, .tab, in: &s)
    #expect(render(s).text.contains("Tab: label Urgent"))
    effects = press(.enter, in: &s)
    guard case .route(_, _, _, _, let untagged, let noDue)? = effects.first else {
      Issue.record("Enter routes without the label: \(effects)")
      return
    }
    #expect(untagged.isEmpty && noDue == nil)
    _ = press(.character("j"), .character("a"), in: &s)
    _ = reduce(&s, .staffLoaded([sam]))
    _ = press(.enter, in: &s)
    #expect(!render(s).text.contains("Urgent"))
  }

  @Test func dueDatesAsCliniciansWriteThem() {
    let now = Fixtures.now   // Wednesday 18 November 2026, 11:06 UTC
    let utc = TimeZone(identifier: "UTC")!
    func due(_ note: String) -> String? { RouteDue.parse(note, now: now, timeZone: utc).map(iso) }
    #expect(due("please call, due today") == "2026-11-18T23:59:59Z")
    #expect(due("Due tomorrow.") == "2026-11-19T23:59:59Z")
    #expect(due("due in 3 days") == "2026-11-21T23:59:59Z")
    #expect(due("due friday") == "2026-11-20T23:59:59Z")
    #expect(due("due wednesday") == "2026-11-25T23:59:59Z", "the same weekday is next week's")
    #expect(due("due 2026-12-05") == "2026-12-05T23:59:59Z")
    #expect(due("please call her back") == nil)
    #expect(due("due whenever") == nil)
    _ = due("due 2026-13-45")   // a wrong date is not a crash
    let tokyo = TimeZone(identifier: "Asia/Tokyo")!
    #expect(RouteDue.parse("due today", now: now, timeZone: tokyo).map(iso) == "2026-11-18T14:59:59Z")
  }

  @Test func aColleaguesInboxIsCoveredFromThePickerAndUncoveredByPickingThemAgain() {
    var s = Fixtures.state(width: 120, height: 24, sidebar: true)
    #expect(press(.character("C"), in: &s) == [.loadStaff(includeNonSchedulable: true)])
    let sam = StaffMember(id: "sam", name: "Sam Okafor RN", email: nil, roles: ["RN"], active: true)
    _ = reduce(&s, .staffLoaded([sam]))
    #expect(render(s).text.contains("Cover the inbox of"))
    s.news.caughtUp = true
    #expect(press(.enter, in: &s) == [.setCovering("sam", true, counts: s.sidebarAsk)])
    #expect(!s.news.caughtUp, "the covered inbox's backlog comes in silence")
    #expect(reduce(&s, .syncFinished(at: Fixtures.now, queued: 0)).first == .caughtUp)
    _ = reduce(&s, .countsLoaded([.all: 5], covered: ["sam": 4]))
    let entry = render(s).lines.first { $0.contains("Covering S. Oka") }
    #expect(entry?.contains("4") == true, "the sidebar entry and its count: \(entry ?? "none")")
    // Its entry shows that colleague's inbox.
    while s.inbox.query.view != .covering { _ = press(.character("]"), in: &s) }
    #expect(s.inbox.query.covering == ["sam"])
    #expect(render(s).lines[0].contains("clinbox · Covering Sam Okafor RN"))
    _ = press(.character("C"), in: &s)
    _ = reduce(&s, .staffLoaded([sam]))
    let effects = press(.enter, in: &s)
    #expect(effects.first == .setCovering("sam", false, counts: s.sidebarAsk))
    #expect(s.sidebar.covering.isEmpty && s.inbox.query.view != .covering, "back to a view of one's own")
  }

  @Test func arrivalsRingWithoutNamesCountInTheTitleAndAKeyClearsIt() throws {
    var s = Fixtures.state(width: 100, height: 12)
    s.session.hasPassphrase = true
    var effects = reduce(&s, .newMessagesArrived(NewMessages(count: 2, urgent: 1, names: ["Zoë Müller"])))
    #expect(effects == [.alert(TerminalAlert(bell: true, notification: "2 new patient messages, 1 urgent",
                                             title: "clinbox (2 new)"))])
    effects = reduce(&s, .newMessagesArrived(NewMessages(count: 1, urgent: 0)))
    #expect(effects == [.alert(TerminalAlert(bell: true, notification: "1 new patient message", title: "clinbox (3 new)"))])
    effects = press(.character("j"), in: &s)
    #expect(effects.first == .alert(TerminalAlert(bell: false, notification: nil, title: "clinbox")))
    #expect(press(.character("j"), in: &s).allSatisfy { if case .alert = $0 { false } else { true } })

    // Names only when the config allows them, and never on a locked screen; a quiet config says nothing.
    s.config.alerts.names = true
    effects = reduce(&s, .newMessagesArrived(NewMessages(count: 1, urgent: 0, names: ["Zoë Müller"])))
    #expect(effects == [.alert(TerminalAlert(bell: true, notification: "1 new patient message: Zoë Müller",
                                             title: "clinbox (1 new)"))])
    _ = press(.character("L"), in: &s)
    effects = reduce(&s, .newMessagesArrived(NewMessages(count: 1, urgent: 0, names: ["Zoë Müller"])))
    #expect(s.session.lock != nil)
    let locked = try #require(effects.first.flatMap { effect -> TerminalAlert? in
      if case .alert(let a) = effect { return a } else { return nil }
    }, "a locked screen is still told, without the name")
    #expect(locked.notification == "1 new patient message")
    s.config.alerts.bell = false
    s.config.alerts.notify = false
    s.config.alerts.title = false
    #expect(reduce(&s, .newMessagesArrived(NewMessages(count: 1, urgent: 0))).isEmpty)
  }

  @Test func notificationsGoWhereTheTerminalShowsThem() {
    #expect(NotificationChannel.detect(["TMUX": "/tmp/tmux-0/default,1,0", "TERM_PROGRAM": "iTerm.app"]) == .bellOnly)
    #expect(NotificationChannel.detect(["TERM_PROGRAM": "iTerm.app"]) == .osc9)
    #expect(NotificationChannel.detect(["TERM": "foot"]) == .osc777)
    #expect(NotificationChannel.detect(["TERM": "xterm-256color"]) == .bellOnly)
    #expect(NotificationChannel.osc777.sequence("2 new; \u{1B}]2;x") == "\u{1B}]777;notify;clinbox;2 new, ␛]2,x\u{07}")
    #expect(NotificationChannel.osc9.sequence("1 new patient message") == "\u{1B}]9;1 new patient message\u{07}")
  }
}

/// `:any-staff`: its cost first, then y; again, it stops.
@Suite struct AnyStaffCommandTests {
  func press(_ keys: Key..., in s: inout AppState) -> [Effect] { keys.flatMap { reduce(&s, .key($0)) } }
  func command(_ name: String, _ s: inout AppState) -> [Effect] {
    _ = press(.character(":"), in: &s)
    for ch in name { _ = press(.character(ch), in: &s) }
    return press(.enter, in: &s)
  }

  @Test func itsCostIsShownBeforeItIsSynced() {
    var s = Fixtures.state(width: 120, height: 16, messages: [])
    s.inbox = InboxList(query: MessageQuery(view: .anyStaff, me: Fixtures.me))
    _ = reduce(&s, .inboxLoaded(offset: 0, rows: [], total: 0))
    #expect(render(s).text.contains(":any-staff shows what it costs and asks"))
    #expect(command("any-staff", &s) == [.measureAnyStaff])
    _ = reduce(&s, .anyStaffMeasured("Any staff: 26,000 messages on the server, 260 requests of 100"))
    #expect(render(s).text.contains("26,000 messages on the server, 260 requests of 100"))
    #expect(press(.character("n"), in: &s).isEmpty && !s.news.syncsAnyStaff, "any other key: not synced")
    _ = command("any-staff", &s)
    _ = reduce(&s, .anyStaffMeasured("Any staff: 26,000 messages on the server, 260 requests of 100"))
    #expect(press(.character("y"), in: &s) == [.setAnyStaff(true)])
    #expect(command("any-staff", &s) == [.setAnyStaff(false)], "again: it stops")
    _ = reduce(&s, .anyStaffMeasured(nil))
    #expect(s.overlay == nil && s.status.notice?.contains("could not be asked") == true)
  }
}

/// A short screen's sidebar scrolls to keep the current entry in sight (views, covered inboxes, saved searches).
@Suite struct SidebarScrollTests {
  @Test func theCurrentEntryIsAlwaysShown() {
    var s = Fixtures.state(width: 110, height: 10, sidebar: true)
    s.sidebar.covering = [CoveredColleague(id: "sam", name: "Sam Okafor RN")]
    s.sidebar.savedSearches = [SavedSearch(name: "Refills", view: .all, text: "refill")]
    #expect(render(s).text.contains("› All") && !render(s).text.contains("Urgent"), "the first entries give way")
    while s.inbox.query.search == nil { _ = reduce(&s, .key(.character("]"))) }
    let shown = render(s)
    #expect(shown.text.contains("› / Refills") && shown.text.contains("Covering S. Oka"))
    _ = reduce(&s, .key(.character("]")))
    #expect(render(s).text.contains("› Urgent") && !render(s).text.contains("Refills"), "back at the top")
  }
}
