import Foundation
import Testing
import FHIR
import FHIRMapping
import Store
import TerminalUI
import TestClinic
@testable import InboxApp
@testable import InboxRuntime

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
    try store.transaction { cache in
      for i in range {
        let p = Reference(reference: "Patient/p\(i)", type: "Patient")
        let d = Reference(reference: "Practitioner/doc1", type: "Practitioner")
        let c = Communication(id: "m\(i)", status: "completed", subject: p,
                              sent: Instant.format(Date(timeIntervalSince1970: 1_795_000_000 + Double(i) * 60)),
                              recipient: [d], sender: p, text: "message \(i)")
        try cache.upsert(SyncedMessage(c, raw: .object([:]))!)
      }
    }
  }

  /// The inbox on `store` at 80×12, its first page read.
  func inbox(on store: Store) -> Runtime {
    var state = AppState(width: 80, height: 12, now: Date(timeIntervalSince1970: 1_795_010_000), query: MessageQuery(view: .all),
                         status: StatusInfo(server: "test", actingAs: "", lastSync: nil))
    state.config.timeZone = TimeZone(identifier: "UTC")!
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

  @Test func atTheTopNewMessagesShowAtTheTop() throws {
    let (store, dir) = try store(messages: 100)
    defer { try? FileManager.default.removeItem(at: dir) }
    let runtime = inbox(on: store)
    runtime.send(.key(.character("j")))
    runtime.settle()
    #expect(runtime.state.inbox.selectedMessage?.id == "m98")
    try add(messages: 100..<102, to: store)   // two newer messages synced in: the cache's observation reports them
    runtime.settle()
    let g = render(runtime.state)
    let top = runtime.state.listTop   // under the view bar, at 80 columns
    #expect(g.lines[top].contains("message 101") && g.lines[top + 1].contains("message 100"),
            "the news is in view, at the top")
    #expect(runtime.state.inbox.selectedMessage?.id == "m98", "and the selection is still on the message being read")
    // A first sync bringing far more than a screen above: the selection goes to the newest.
    try add(messages: 102..<200, to: store)
    runtime.settle()
    #expect(runtime.state.inbox.selected == 0 && runtime.state.inbox.top == 0)
  }
}

/// During a long first sync the selection stays on the newest message until the clinician puts it elsewhere.
@Suite struct SelectionDuringSyncTests {
  let helper = BackgroundSyncUITests()

  @Test func untouchedItFollowsTheNewestMovedItStaysGHandsItBack() throws {
    let (store, dir) = try helper.store(messages: 100)
    defer { try? FileManager.default.removeItem(at: dir) }
    let runtime = helper.inbox(on: store)
    #expect(runtime.state.inbox.selectedMessage?.id == "m99")
    try helper.add(messages: 100..<102, to: store)
    runtime.settle()
    #expect(runtime.state.inbox.selectedMessage?.id == "m101", "nobody moved it: still on the newest")
    runtime.send(.key(.character("j")))
    runtime.settle()
    #expect(runtime.state.inbox.selectedMessage?.id == "m100")
    try helper.add(messages: 102..<104, to: store)
    runtime.settle()
    #expect(runtime.state.inbox.selectedMessage?.id == "m100", "moved there: it stays on that message")
    runtime.send(.key(.character("g")))
    runtime.settle()
    try helper.add(messages: 104..<106, to: store)
    runtime.settle()
    #expect(runtime.state.inbox.selectedMessage?.id == "m105", "after g it follows the newest again")
  }
}
