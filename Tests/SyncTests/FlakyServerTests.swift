import Foundation
import Testing
import FHIR
import Sandbox
import Store
@testable import Sync
import FHIRMapping

/// A server on a bad day — every third request a 503 or a body cut off half-way, the first searches truncated —
/// still gives a complete sync: reads are safe to repeat, so a page that does not parse is asked for again.
@Suite struct FlakyServerTests {
  @Test func syncCompletesThroughAFlakyServer() async throws {
    let sandbox = try await RunningSandbox.start(messages: 400)
    defer { Task { await sandbox.stop() } }
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let plain = sandbox.client
    let expected = try await total(plain, [("recipient", sandbox.me.reference)])
      + (try await total(plain, [("sender", sandbox.me.reference)]))
    #expect(expected > 100, "enough messages for several pages")

    sandbox.server.faults.clearLog()
    sandbox.server.faults.truncateSearches(2)
    sandbox.server.faults.flaky(every: 3)
    let client = FHIRClient(server: sandbox.url, credentials: sandbox.credentials, timeout: 10,
                            retry: RetryPolicy(attempts: 4, sleep: { _ in }))
    // One read at a time: the faults fall on every third request the server sees, so reads in parallel could
    // line one read's every retry up with a fault (a schedule no real server keeps).
    let summary = try await SyncEngine(client: client, store: store, practitionerID: sandbox.me, pageSize: 50,
                                       readsAtOnce: 1).run()
    sandbox.server.faults.flaky(every: 0)

    #expect(try store.counts().messages == expected, "every message arrived")
    #expect(summary.messages == expected)
    let retried = sandbox.server.faults.requests.count
    #expect(retried > summary.pages + 3, "faults were injected and retried: \(retried) requests for \(summary.pages) pages")
    #expect(try store.integrityCheck() == "ok")
  }
}
