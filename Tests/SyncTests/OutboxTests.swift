import Foundation
import Testing
import FHIR
import Sandbox
import Store
@testable import Sync
import FHIRMapping

/// The outbox against the sandbox: nothing lost, nothing duplicated.
@Suite struct OutboxTests {
  func patient(_ sandbox: RunningSandbox) async throws -> PatientID {
    let b = try await sandbox.client.search("Communication", [("recipient", sandbox.me.reference), ("_count", "1")])
    return PatientID(rawValue: try #require(try b.resources(Communication.self, named: "Communication").first?.0.patient?.id))
  }

  func serverCount(_ sandbox: RunningSandbox, patient: PatientID, text: String) async throws -> Int {
    let b = try await sandbox.client.search("Communication", [("patient", "Patient/\(patient)"), ("_count", "100")])
    return b.decodable(Communication.self, named: "Communication").resources.filter { $0.0.text == text }.count
  }

  @Test func aQueuedMessageIsShownAtOnceThenDelivered() async throws {
    let sandbox = try await RunningSandbox.start(messages: 30)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let p = try await patient(sandbox)
    let entry = try store.queueMessage(patientID: p, from: sandbox.me, text: "See you Thursday at 9:30.", at: Date())
    let shown = try store.thread(patientID: p)
    #expect(shown.last?.delivery == .queued && shown.last?.text == "See you Thursday at 9:30.")
    let result = try await OutboxPusher(client: sandbox.client, store: store).push()
    let id = MessageID(rawValue: try #require(result.delivered[entry.id]))
    let after = try store.thread(patientID: p)
    #expect(after.last?.id == id && after.last?.delivery == .sent)
    #expect(!after.contains { $0.id.rawValue == entry.localMessageID })
    #expect(try await serverCount(sandbox, patient: p, text: "See you Thursday at 9:30.") == 1)
    let (c, _) = try await sandbox.client.read(Communication.self, "Communication", id: id.rawValue)
    #expect(c.sender?.relative == sandbox.me.reference && c.recipient?.first?.relative == "Patient/\(p)")
    await sandbox.stop()
  }

  @Test func aCreateThatMayHaveLandedIsFoundNotSentTwice() async throws {
    let sandbox = try await RunningSandbox.start(messages: 30)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let p = try await patient(sandbox)
    let client = FHIRClient(server: sandbox.url, credentials: sandbox.credentials, timeout: 1, retry: .once)
    try await knowCapabilities(client)
    let pusher = OutboxPusher(client: client, store: store, backoff: RetryPolicy(attempts: 1, base: 0, cap: 0))
    let entry = try store.queueMessage(patientID: p, from: sandbox.me, text: "Your refill is ready.", at: Date())
    sandbox.server.faults.dropAfterCommit(1)
    let first = try await pusher.push()
    #expect(first.delivered.isEmpty)
    #expect(first.stoppedBy?.contains("did not answer in time") == true)
    #expect(try store.outboxEntry(id: entry.id)?.mayExist == true)
    #expect(try await serverCount(sandbox, patient: p, text: "Your refill is ready.") == 1, "the server committed it")
    // A sync brings the server's copy before the outbox has looked: the thread shows it once, as checking.
    let mine = try #require(try store.thread(patientID: p).filter { $0.text == "Your refill is ready." }.first)
    #expect(mine.delivery == .checking, "shown as checking while the outbox has not looked")
    _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me).run()
    let shown = try store.thread(patientID: p).filter { $0.text == "Your refill is ready." }
    #expect(shown.count == 1, "once, not twice: \(shown.map(\.id))")
    #expect(shown.first?.delivery == .checking)
    let second = try await pusher.push()
    #expect(second.delivered[entry.id] != nil)
    #expect(try await serverCount(sandbox, patient: p, text: "Your refill is ready.") == 1, "found, not sent again")
    let after = try store.thread(patientID: p).filter { $0.text == "Your refill is ready." }
    #expect(after.map(\.delivery) == [.sent], "and then once, as sent")
    await sandbox.stop()
  }

  @Test func aFailedMessageDiscardedIsADraftAgain() async throws {
    let sandbox = try await RunningSandbox.start(messages: 30)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    // A patient the server does not have: the create is refused for good.
    let entry = try store.queueMessage(patientID: "0000000000000000000000000000dead", from: sandbox.me,
                                       text: "Please call the clinic.", at: Date())
    let pushed = try await OutboxPusher(client: sandbox.client, store: store).push()
    #expect(pushed.failed[entry.id] != nil)
    try store.discardFailed(entry.id, at: Date())
    #expect(try store.outboxCounts() == (pending: 0, failed: 0))
    let drafts = try store.messages(MessageQuery(view: .drafts), offset: 0, limit: 10)
    #expect(drafts.map(\.text) == ["Please call the clinic."], "its text is findable as a draft")
    #expect(try store.count(MessageQuery(view: .outbox)) == 0)
    await sandbox.stop()
  }

  @Test func offlineMessagesWaitThenGoOnceEachInOrder() async throws {
    let sandbox = try await RunningSandbox.start(messages: 30)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let p = try await patient(sandbox)
    let me = sandbox.me
    let a = try store.queueMessage(patientID: p, from: me, text: "First, offline.", at: Date())
    let b = try store.queueMessage(patientID: p, from: me, text: "Second, offline.", at: Date().addingTimeInterval(1))
    let dead = FHIRClient(server: URL(string: "http://127.0.0.1:9")!, credentials: .none, timeout: 2, retry: .once)
    let offline = try await OutboxPusher(client: dead, store: store, backoff: RetryPolicy(attempts: 1, base: 0, cap: 0)).push()
    #expect(offline.delivered.isEmpty && offline.stoppedBy?.contains("connection refused") == true)
    #expect(try store.outboxCounts().pending == 2)
    #expect(try store.outboxEntry(id: a.id)?.mayExist == false, "a refused connection never reached the server")
    // Reopened later (a new Store on the same file), the server back: both go, once each, in order.
    let reopened = try Store(path: store.path)
    let online = try await OutboxPusher(client: sandbox.client, store: reopened).push()
    #expect(online.delivered.count == 2)
    #expect(try await serverCount(sandbox, patient: p, text: "First, offline.") == 1)
    #expect(try await serverCount(sandbox, patient: p, text: "Second, offline.") == 1)
    let ids = try reopened.thread(patientID: p).filter { $0.delivery == .sent }.map(\.id.rawValue)
    #expect(ids == [online.delivered[a.id]!, online.delivered[b.id]!])
    #expect(try reopened.outboxCounts().pending == 0)
    await sandbox.stop()
  }

  @Test func aRefusedMessageFailsWithTheReasonAndIsKept() async throws {
    let sandbox = try await RunningSandbox.start(messages: 10)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let entry = try store.queueMessage(patientID: "nobody", from: sandbox.me, text: "Hello", at: Date())
    let result = try await OutboxPusher(client: sandbox.client, store: store).push()
    #expect(result.failed[entry.id]?.contains("Unknown Patient 'nobody'") == true)
    #expect(try store.thread(patientID: "nobody").last?.delivery?.isFailed == true)
    try store.retryOutbox(entry.id, at: Date())
    #expect(try store.outboxCounts().pending == 1)
    await sandbox.stop()
  }
}

@Suite struct FaultTests {
  @Test func burstsOf503And429AreRiddenOut() async throws {
    let sandbox = try await RunningSandbox.start(messages: 60)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    // The waits the policy asks for, as asked: what the server's Retry-After said, not how long the run took.
    final class Waits: @unchecked Sendable {
      let lock = NSLock()
      var asked: [Double] = []
      func add(_ s: Double) { lock.withLock { asked.append(s) } }
    }
    let waits = Waits()
    let client = FHIRClient(server: sandbox.url, credentials: sandbox.credentials, timeout: 5,
                            retry: RetryPolicy(attempts: 4, base: 0.01, cap: 2, sleep: { s in
                              waits.add(s)
                              try? await Task.sleep(nanoseconds: UInt64(s * 1e9))
                            }))
    sandbox.server.faults.fail(3, status: 503)
    _ = try await client.metadata()   // the burst is spent on reads that retry
    #expect(waits.lock.withLock { waits.asked.count } == 3 && waits.lock.withLock { waits.asked.allSatisfy { $0 <= 0.08 } },
            "three 503s, three short backoffs: \(waits.asked)")
    sandbox.server.faults.fail(2, status: 429, retryAfter: 1)
    let summary = try await SyncEngine(client: client, store: store, practitionerID: sandbox.me).run()
    #expect(waits.lock.withLock { Array(waits.asked.dropFirst(3)) } == [1.0, 1.0], "each 429's Retry-After: 1 honoured")
    #expect(summary.messages == (try store.counts().messages))
    #expect(summary.messages > 0)
    await sandbox.stop()
  }

  @Test func anHTMLPageMidSyncIsAClearErrorAndTheCacheIsIntact() async throws {
    let sandbox = try await RunningSandbox.start(messages: 300)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let client = FHIRClient(server: sandbox.url, credentials: sandbox.credentials, timeout: 5, retry: .once)
    _ = try await SyncEngine(client: client, store: store, practitionerID: sandbox.me).run()
    let before = try store.counts().messages
    sandbox.server.faults.htmlNotFound(1)
    await #expect { _ = try await SyncEngine(client: client, store: store, practitionerID: sandbox.me).run() } throws: { e in
      "\(e)".contains("text/html") && "\(e)".contains("is the server URL right?")
    }
    #expect(try store.counts().messages == before)
    #expect(try store.integrityCheck() == "ok")
    await sandbox.stop()
  }
}
