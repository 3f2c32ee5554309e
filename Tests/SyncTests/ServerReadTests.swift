import Foundation
import Testing
import Clinic
import Sandbox
import Store
@testable import Sync

/// Read state made elsewhere comes through the companion's changes feed, without a re-page: a read in Canvas's UI
/// (which emits no event, and which FHIR does not show) or an unread in a colleague's clinbox.
@Suite struct ServerReadTests {
  func companion(_ sandbox: RunningSandbox) -> CompanionClient {
    CompanionClient(base: CompanionClient.base(forFHIR: sandbox.url), key: "demo", timeout: 10)
  }

  func shown(_ store: Store, _ m: Message) throws -> Message {
    try #require(try store.thread(patientID: m.patientID).first { $0.id == m.id })
  }

  /// The oldest unread message to me: far from the newest pages, which an idle sync asks again anyway.
  func oldUnread(_ store: Store, _ sandbox: RunningSandbox) throws -> Message {
    let unread = MessageQuery(view: .unread, me: sandbox.me)
    return try #require(try store.messages(unread, offset: try store.count(unread) - 1, limit: 1).first)
  }

  @Test func aReadMadeInCanvasShowsAtTheNextSyncAndAnUnreadToo() async throws {
    let sandbox = try await RunningSandbox.start(messages: 1_500)
    let (store, dir, engine) = try await syncedStore(sandbox)
    defer { try? FileManager.default.removeItem(at: dir) }
    let m = try oldUnread(store, sandbox)
    try sandbox.server.markReadInWebUI(communicationID: m.id.rawValue)
    _ = try await engine.run(repage: .whenDue)
    #expect(try shown(store, m).unread, "without the companion, a read in Canvas waits for the slow re-page")
    engine.companion = companion(sandbox)
    _ = try await engine.run(repage: .whenDue)
    let read = try shown(store, m)
    #expect(!read.unread && read.readWhere == .canvas, "read in Canvas, shown without a re-page")
    try await companion(sandbox).setRead(m.id.rawValue, read: false, staff: sandbox.me.rawValue)
    _ = try await engine.run(repage: .whenDue)
    #expect(try shown(store, m).unread, "made unread on the server: unread here")
    await sandbox.stop()
  }

  /// The feed writes `…Z` where FHIR wrote `…+00:00`: the same instants change nothing in the cache.
  @Test func readStateTheCacheHasAlreadyRewritesNothing() async throws {
    let sandbox = try await RunningSandbox.start(messages: 300)
    let (store, dir, _) = try await syncedStore(sandbox)
    defer { try? FileManager.default.removeItem(at: dir) }
    let page = try await companion(sandbox).changes(staff: sandbox.me.rawValue, since: nil)
    let reads = page.changes.filter { $0.type == "message" }.map { (MessageID(rawValue: $0.id), $0.read) }
    #expect(reads.contains { $0.1 != nil }, "the feed names read messages")
    #expect(try store.applyServerReads(reads) == 0, "nothing rewritten for its form")
    let m = try oldUnread(store, sandbox)
    #expect(try store.applyServerReads([(m.id, "2026-12-03T10:00:00.000000Z")]) == 1, "a read made elsewhere")
    #expect(try store.applyServerReads([(m.id, "2026-12-03T10:00:00.000000+00:00")]) == 0, "the same read again")
    await sandbox.stop()
  }

  @Test func aCursorThePluginRefusesStartsTheFeedAgain() async throws {
    let sandbox = try await RunningSandbox.start(messages: 1_500)
    let (store, dir, engine) = try await syncedStore(sandbox)
    defer { try? FileManager.default.removeItem(at: dir) }
    let m = try oldUnread(store, sandbox)
    try store.setSyncValue("companion \(sandbox.me.rawValue)", "not-a-cursor")
    try sandbox.server.markReadInWebUI(communicationID: m.id.rawValue)
    engine.companion = companion(sandbox)
    _ = try await engine.run(repage: .whenDue)
    #expect(!(try shown(store, m).unread), "the feed asked again from its start")
    #expect(try store.syncValue("companion \(sandbox.me.rawValue)") != "not-a-cursor")
    await sandbox.stop()
  }
}
