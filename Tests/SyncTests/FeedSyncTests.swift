import Foundation
import Testing
import Clinic
import FHIRMapping
import Sandbox
import Store
@testable import Sync

/// With the companion, a sync asks its changes feed what is new and reads only that: an idle clinbox sends no FHIR
/// request, ten new messages cost about ten, and a feed that cannot be used leaves the inbox polling as before.
@Suite struct FeedSyncTests {
  /// A cache synced once with the companion (its feed's cursor kept), and its engine.
  func feedSynced(_ sandbox: RunningSandbox, key: String = "demo") async throws
    -> (store: Store, dir: URL, engine: SyncEngine) {
    let (store, dir) = try temporaryStore()
    let engine = SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me)
    engine.companion = CompanionClient(base: CompanionClient.base(forFHIR: sandbox.url), key: key, timeout: 10)
    _ = try await engine.run()
    return (store, dir, engine)
  }

  /// The FHIR requests since the log was cleared: every request but the companion's.
  func fhirRequests(_ sandbox: RunningSandbox) -> [String] {
    sandbox.server.faults.requests.filter { !$0.contains("/plugin-io/") }
  }

  @Test func anIdleCycleSendsNoFHIRRequest() async throws {
    let sandbox = try await RunningSandbox.start(messages: 300)
    let (_, dir, engine) = try await feedSynced(sandbox)
    defer { try? FileManager.default.removeItem(at: dir) }
    sandbox.server.faults.clearLog()
    let summary = try await engine.run(repage: .whenDue)
    #expect(summary.feedProblem == nil)
    #expect(fhirRequests(sandbox).isEmpty, "nothing changed, nothing asked of FHIR: \(fhirRequests(sandbox))")
    #expect(sandbox.server.faults.requests.contains { $0.hasPrefix("GET /plugin-io/api/clinbox_companion/v1/changes") })
    await sandbox.stop()
  }

  @Test func tenNewMessagesCostTheRequestsTheyNeedNotARepage() async throws {
    let sandbox = try await RunningSandbox.start(messages: 300)
    let (store, dir, engine) = try await feedSynced(sandbox)
    defer { try? FileManager.default.removeItem(at: dir) }
    var made: [MessageID] = []
    for n in 1...10 { made.append(try await newPatientMessage(sandbox, text: "feed news \(n)")) }
    sandbox.server.faults.clearLog()
    _ = try await engine.run(repage: .whenDue)
    #expect(try store.uncachedMessages(made).isEmpty, "all ten are in the cache")
    let unread = try store.messages(MessageQuery(view: .unread, me: sandbox.me), offset: 0, limit: 20)
    #expect(Set(made).isSubset(of: Set(unread.map(\.id))), "and unread in the inbox")
    let all = sandbox.server.faults.requests
    #expect(all.count <= 15, "ten new messages: \(all.count) requests: \(all)")
    #expect(!fhirRequests(sandbox).contains { $0.hasPrefix("GET /Communication?") }, "no page asked again")
    await sandbox.stop()
  }

  @Test func aKeyTheFeedRefusesSaysSoAndPollsAsBefore() async throws {
    let sandbox = try await RunningSandbox.start(messages: 300)
    let (store, dir, engine) = try await feedSynced(sandbox, key: "wrong")
    defer { try? FileManager.default.removeItem(at: dir) }
    let news = try await newPatientMessage(sandbox, text: "still comes")
    let summary = try await engine.run(repage: .whenDue)
    #expect(summary.feedProblem == "the companion refused the key (401)")
    #expect(try store.uncachedMessages([news]).isEmpty, "polled as without the companion")
    await sandbox.stop()
  }

  @Test func aFeedThatAnswersSomethingElseIsSaidAndTheInboxPolls() async throws {
    let sandbox = try await RunningSandbox.start(messages: 300)
    let (store, dir, engine) = try await feedSynced(sandbox)
    defer { try? FileManager.default.removeItem(at: dir) }
    let news = try await newPatientMessage(sandbox, text: "comes all the same")
    sandbox.server.news.garbleFeeds(1)
    let summary = try await engine.run(repage: .whenDue)
    #expect(summary.feedProblem == "the companion answered in a way clinbox does not know: "
            + "/v1/changes is not the companion's")
    #expect(try store.uncachedMessages([news]).isEmpty, "polled as without the companion")
    let next = try await engine.run(repage: .whenDue)
    #expect(next.feedProblem == nil, "the feed answers again, and is used again")
    await sandbox.stop()
  }

  @Test func aRefusedCursorWalksTheInboxWholeAgain() async throws {
    let sandbox = try await RunningSandbox.start(messages: 300)
    let (store, dir, engine) = try await feedSynced(sandbox)
    defer { try? FileManager.default.removeItem(at: dir) }
    try store.setSyncValue("companion \(sandbox.me.rawValue)", "not-a-cursor")
    sandbox.server.faults.clearLog()
    let summary = try await engine.run(repage: .whenDue)
    #expect(summary.feedProblem == nil, "a refused cursor is not a broken feed")
    let pages = fhirRequests(sandbox).filter { $0.hasPrefix("GET /Communication?recipient=") }
    let inbox = try await total(sandbox.client, [("recipient", sandbox.me.reference)])
    #expect(pages.count >= inbox / engine.pageSize, "the inbox paged whole: \(pages.count) pages of \(inbox)")
    // A whole walk starts at the first page; between walks only the pages past the cache's end are asked (`_offset`).
    #expect(pages.contains { !$0.contains("_offset") }, "from its first page: \(pages)")
    #expect(try store.syncValue("companion \(sandbox.me.rawValue)") != "not-a-cursor")
    await sandbox.stop()
  }
}
