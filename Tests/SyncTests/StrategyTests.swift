import Foundation
import Testing
import FHIR
import Sandbox
import Store
@testable import Sync
import FHIRMapping

/// The sync strategy follows what the server offers (`/metadata`).
@Suite struct StrategyTests {
  @Test func anR4ServerIsAskedOnlyForWhatChanged() async throws {
    let sandbox = try await RunningSandbox.start(messages: 400) { $0.flavor = .r4 }
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let engine = SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me)
    let first = try await engine.run()
    #expect(first.messages > 100)
    let id = try await newPatientMessage(sandbox, text: "New since the last sync")
    sandbox.server.faults.clearLog()
    let second = try await engine.run()
    let searches = sandbox.server.faults.requests.filter { $0.hasPrefix("GET /Communication?") }
    #expect(!searches.isEmpty)
    #expect(searches.allSatisfy { $0.contains("_lastUpdated=ge") && $0.contains("_sort=_lastUpdated") }, "\(searches)")
    #expect(second.messages < 10, "only the new message (and the overlap) came back, not \(second.messages)")
    #expect(try store.rawMessage(id: id) != nil, "the new message is in the cache")
    await sandbox.stop()
  }

  @Test func canvasIsRepagedAndNoticesReadInTheWebUI() async throws {
    let sandbox = try await RunningSandbox.start(messages: 100)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let engine = SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me)
    _ = try await engine.run()
    let unread = try #require(try store.messages(MessageQuery(view: .unread, me: sandbox.me), offset: 0, limit: 1).first)
    try sandbox.server.markReadInWebUI(communicationID: unread.id.rawValue)
    sandbox.server.faults.clearLog()
    _ = try await engine.run()
    let searches = sandbox.server.faults.requests.filter { $0.hasPrefix("GET /Communication?") }
    #expect(searches.count >= 2, "both scopes were paged")
    #expect(searches.allSatisfy { !$0.contains("_lastUpdated") }, "Canvas offers no _lastUpdated: never sent")
    #expect(try store.thread(patientID: unread.patientID).first { $0.id == unread.id }?.unread == false)
    await sandbox.stop()
  }

  @Test func openedThreadsAreSyncedWhole() async throws {
    let sandbox = try await RunningSandbox.start(messages: 200)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let engine = SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me)
    _ = try await engine.run()
    let patient = try #require(try store.messages(MessageQuery(), offset: 0, limit: 1).first?.patientID)
    let before = try store.count(MessageQuery(patientID: patient))
    let onServer = try await total(sandbox.client, [("patient", "Patient/\(patient)")])
    try store.follow(patientID: patient, at: Date())
    _ = try await engine.run()
    #expect(try store.count(MessageQuery(patientID: patient)) == onServer)
    #expect(onServer >= before)
    await sandbox.stop()
  }

  @Test func conditionalCreateWhereOfferedMakesARetryHarmless() async throws {
    let sandbox = try await RunningSandbox.start(messages: 30) { $0.flavor = .r4 }
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let b = try await sandbox.client.search("Communication", [("recipient", sandbox.me.reference), ("_count", "1")])
    let patient = PatientID(rawValue: try #require(try b.resources(Communication.self, named: "Communication").first?.0.patient?.id))
    let client = FHIRClient(server: sandbox.url, credentials: sandbox.credentials, timeout: 1, retry: .once)
    try await knowCapabilities(client)
    let pusher = OutboxPusher(client: client, store: store, backoff: RetryPolicy(attempts: 1, base: 0, cap: 0))
    let entry = try store.queueMessage(patientID: patient, from: sandbox.me, text: "Conditional hello", at: Date())
    sandbox.server.faults.dropAfterCommit(1)
    _ = try await pusher.push()
    sandbox.server.faults.clearLog()
    let second = try await pusher.push()
    let id = try #require(second.delivered[entry.id])
    // The retry looks first (the first try may have landed), and would create conditionally if it found nothing.
    #expect(sandbox.server.faults.requests.first?.hasPrefix("GET /Communication?patient=") == true,
            "looked before sending again: \(sandbox.server.faults.requests)")
    let all = try await sandbox.client.search("Communication", [("patient", "Patient/\(patient)"), ("_count", "100")])
    #expect(all.decodable(Communication.self, named: "Communication").resources.filter { $0.0.text == "Conditional hello" }.map { $0.0.id } == [id])
    await sandbox.stop()
  }
}
