import Foundation
import Testing
import FHIR
import FHIRMapping
import Clinic
import Sandbox
import Store
@testable import Sync

/// Read state shared through the companion (companion-api.md, `PUT /v1/messages/<id>/read`), against the sandbox
/// serving the contract: a read in one clinbox is read on the server, so a colleague's fresh clinbox shows it read.
@Suite struct SharedReadTests {
  func companion(_ sandbox: RunningSandbox) -> CompanionClient {
    CompanionClient(base: CompanionClient.base(forFHIR: sandbox.url), key: "demo", timeout: 10)
  }

  func unreadToMe(_ store: Store, _ sandbox: RunningSandbox) throws -> Message {
    try #require(try store.messages(MessageQuery(view: .unread, me: sandbox.me), offset: 0, limit: 1).first)
  }

  @Test func aReadInOneClinboxIsReadInAFreshOneThroughTheServer() async throws {
    let sandbox = try await RunningSandbox.start(messages: 60)
    let (mine, dir1, _) = try await syncedStore(sandbox)
    let (fresh, dir2) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir1); try? FileManager.default.removeItem(at: dir2) }
    let m = try unreadToMe(mine, sandbox)
    try mine.openedThread(patientID: m.patientID, read: [m.id], at: Date())
    try mine.queueRead(m.id, patientID: m.patientID, read: true, by: sandbox.me, at: Date())
    #expect(try mine.outboxCounts().pending == 0, "a read is not a write the clinician waits for")
    try await knowCapabilities(sandbox.client)
    let pushed = try await OutboxPusher(client: sandbox.client, store: mine, companion: companion(sandbox)).push()
    #expect(pushed.reads == 1)
    #expect(try mine.pendingOutbox().isEmpty)
    _ = try await SyncEngine(client: sandbox.client, store: fresh, practitionerID: sandbox.me).run()
    let there = try #require(try fresh.thread(patientID: m.patientID).first { $0.id == m.id })
    #expect(!there.unread && there.readWhere == .canvas, "read on the server: every clinbox shows it read")
    await sandbox.stop()
  }

  @Test func theLastWordWinsAndARefusedReadHoldsNothingBack() async throws {
    let sandbox = try await RunningSandbox.start(messages: 60)
    let (store, dir, _) = try await syncedStore(sandbox)
    defer { try? FileManager.default.removeItem(at: dir) }
    let m = try unreadToMe(store, sandbox)
    // Opened, then marked unread again, offline: one write, the last.
    try store.queueRead(m.id, patientID: m.patientID, read: true, by: sandbox.me, at: Date())
    try store.queueRead(m.id, patientID: m.patientID, read: false, by: sandbox.me, at: Date())
    #expect(try store.pendingOutbox().count == 1)
    // A read of a message that is not theirs (their own reply, to the patient): the plugin refuses it for good.
    let reply = try #require(try store.messages(MessageQuery(view: .sent, me: sandbox.me), offset: 0, limit: 1).first)
    let refused = try store.queueRead(reply.id, patientID: reply.patientID, read: true, by: sandbox.me, at: Date())
    let entry = try store.queueMessage(patientID: m.patientID, from: sandbox.me, text: "Call us today.", at: Date())
    try await knowCapabilities(sandbox.client)
    let pushed = try await OutboxPusher(client: sandbox.client, store: store, companion: companion(sandbox)).push()
    #expect(pushed.delivered[entry.id] != nil, "the reply went, whatever became of the reads")
    #expect(pushed.reads == 1)
    let dropped = try #require(try store.outboxEntry(id: refused.id))
    #expect(dropped.state == .discarded && dropped.lastError?.hasPrefix("403") == true, "\(dropped)")
    let (_, raw) = try await sandbox.client.read(Communication.self, "Communication", id: m.id.rawValue)
    #expect(raw["received"] == nil || raw["received"] == .null, "unread again on the server: the last word")
    await sandbox.stop()
  }

  @Test func aPushWithoutTheCompanionLeavesReadsForOneWithIt() async throws {
    let sandbox = try await RunningSandbox.start(messages: 30)
    let (store, dir, _) = try await syncedStore(sandbox)
    defer { try? FileManager.default.removeItem(at: dir) }
    let m = try unreadToMe(store, sandbox)
    try store.queueRead(m.id, patientID: m.patientID, read: true, by: sandbox.me, at: Date())
    try await knowCapabilities(sandbox.client)
    let without = try await OutboxPusher(client: sandbox.client, store: store).push()
    let kept = try store.pendingOutbox().count
    #expect(without.reads == 0 && kept == 1, "kept for a push that has the key")
    let with = try await OutboxPusher(client: sandbox.client, store: store, companion: companion(sandbox)).push()
    let left = try store.pendingOutbox()
    #expect(with.reads == 1 && left.isEmpty)
    await sandbox.stop()
  }
}
