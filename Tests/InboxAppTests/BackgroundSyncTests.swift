import Foundation
import Testing
import FHIR
import Store
import TerminalUI
@testable import InboxApp

/// What the clinician sees while the background sync brings news: the selection stays put, the status says
/// where things stand.
@Suite struct BackgroundSyncUITests {
  func store(messages: Int) throws -> (Store, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-test-\(UUID().uuidString)")
    let store = try Store(path: dir.appendingPathComponent("cache.sqlite").path)
    try add(messages: 0..<messages, to: store)
    return (store, dir)
  }

  func add(messages range: Range<Int>, to store: Store) throws {
    try store.write { db in
      for i in range {
        let p = Reference(reference: "Patient/p\(i)", type: "Patient")
        let d = Reference(reference: "Practitioner/doc1", type: "Practitioner")
        let c = Communication(id: "m\(i)", status: "completed", subject: p,
                              sent: Instant.format(Date(timeIntervalSince1970: 1_795_000_000 + Double(i) * 60)),
                              recipient: [d], sender: p, text: "message \(i)")
        try Store.upsert(message: c, raw: .object([:]), in: db, at: Date())
      }
    }
  }

  /// The inbox on `store` at 80×12, its first page read.
  func inbox(on store: Store) -> Runtime {
    var state = AppState(width: 80, height: 12, now: Date(timeIntervalSince1970: 1_795_010_000), query: MessageQuery(view: .all),
                         status: StatusInfo(server: "test", actingAs: "", lastSync: nil))
    state.timeZone = TimeZone(identifier: "UTC")!
    let runtime = Runtime(terminal: MemoryTerminal(width: 80, height: 12, keys: []), store: store, state: state)
    runtime.send(.resized(width: 80, height: 12))
    runtime.settle()
    return runtime
  }

  @Test func newMessagesArriveAboveWithoutMovingTheSelection() throws {
    let (store, dir) = try store(messages: 100)
    defer { try? FileManager.default.removeItem(at: dir) }
    let runtime = inbox(on: store)
    // Scrolled down the list, reading m80.
    for _ in 0..<19 {
      runtime.send(.key(.character("j")))
      runtime.settle()
    }
    let before = try #require(runtime.state.inbox.selectedMessage)
    let screenRow = runtime.state.inbox.selected - runtime.state.inbox.top
    #expect(before.id == "m80" && runtime.state.inbox.top > 0)

    try add(messages: 100..<103, to: store)   // three newer messages synced in
    runtime.send(.syncStarted)
    #expect(render(runtime.state).lines.last?.contains("syncing…") == true)
    runtime.send(.syncFinished(at: Date(timeIntervalSince1970: 1_795_010_000), queued: 0))
    runtime.settle()
    #expect(runtime.state.inbox.total == 103)
    #expect(runtime.state.inbox.selectedMessage?.id == "m80", "the selection stays on the same message")
    #expect(runtime.state.inbox.selected - runtime.state.inbox.top == screenRow, "and on the same screen row")
    #expect(render(runtime.state).lines.last?.contains("synced just now") == true)
  }

  @Test func statusLineSaysWhereThingsStand() {
    var s = Fixtures.state(width: 120, height: 10)
    _ = reduce(&s, .syncProgress(pages: 3, estimatedPages: 12))
    #expect(render(s).lines[9].contains("syncing 3/12"))
    s.now = Date(timeIntervalSince1970: 1_795_000_000)   // 11:06 UTC
    _ = reduce(&s, .syncFailed(reason: "cannot reach 127.0.0.1:8090: connection refused", offline: true, queued: 2))
    #expect(render(s).lines[9].contains("offline since 11:06 — 2 queued"))
    s.now = s.now.addingTimeInterval(120)
    _ = reduce(&s, .syncFailed(reason: "cannot reach 127.0.0.1:8090: connection refused", offline: true, queued: 2))
    #expect(render(s).lines[9].contains("offline since 11:06"), "offline since the first failure, not the latest")
    _ = reduce(&s, .syncFailed(reason: "authentication failed: bad secret", offline: false, queued: 0))
    #expect(render(s).lines[9].contains("sync failed: authentication failed: bad secret"))
    _ = reduce(&s, .syncFinished(at: s.now.addingTimeInterval(-12), queued: 0))
    #expect(render(s).lines[9].contains("synced 12 s ago"))
  }

  @Test func progressReReadsTheListAtMostOnceASecond() {
    var s = Fixtures.state(width: 80, height: 10)
    let first = reduce(&s, .syncProgress(pages: 1, estimatedPages: 100))
    let second = reduce(&s, .syncProgress(pages: 2, estimatedPages: 100))
    #expect(first.count == 1 && second.isEmpty, "a sync's pages are not each a re-read of the view")
    _ = reduce(&s, .tick(s.now.addingTimeInterval(1)))
    #expect(reduce(&s, .syncProgress(pages: 3, estimatedPages: 100)).count == 1)
    #expect(render(s).lines[9].contains("syncing 3/100"), "the status line follows every page")
  }

  @Test func theSKeyAsksForASync() {
    var s = Fixtures.state(width: 80, height: 10)
    #expect(reduce(&s, .key(.character("s"))) == [.syncNow])
  }

  @Test func queuedAndFailedMessagesAreMarked() {
    var queued = Fixtures.inbox[0]
    queued.delivery = .queued; queued.unread = false
    var failed = Fixtures.inbox[1]
    failed.delivery = .failed("Unknown Patient"); failed.unread = false
    let g = render(Fixtures.state(width: 100, height: 6, messages: [queued, failed]))
    #expect(g.lines[1].hasPrefix("⧗ "))
    #expect(g.lines[2].hasPrefix("✗ "))
  }

  @Test func atTheTopNewMessagesShowAtTheTop() throws {
    let (store, dir) = try store(messages: 100)
    defer { try? FileManager.default.removeItem(at: dir) }
    let runtime = inbox(on: store)
    runtime.send(.key(.character("j")))
    runtime.settle()
    #expect(runtime.state.inbox.selectedMessage?.id == "m98")
    try add(messages: 100..<102, to: store)   // two newer messages synced in
    runtime.send(.cacheChanged)
    runtime.settle()
    let g = render(runtime.state)
    #expect(g.lines[1].contains("message 101") && g.lines[2].contains("message 100"), "the news is in view, at the top")
    #expect(runtime.state.inbox.selectedMessage?.id == "m98", "and the selection is still on the message being read")
    // A first sync bringing far more than a screen above: the selection goes to the newest.
    try add(messages: 102..<200, to: store)
    runtime.send(.cacheChanged)
    runtime.settle()
    #expect(runtime.state.inbox.selected == 0 && runtime.state.inbox.top == 0)
  }
}
