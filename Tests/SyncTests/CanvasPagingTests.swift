import Foundation
import Testing
import FHIR
import Sandbox
import Store
@testable import Sync
import FHIRMapping

/// On Canvas (no `_lastUpdated`) an idle sync asks only for the pages beyond what the cache holds, checks that
/// they join, and walks a scope whole only on the slow schedule or when the join fails.
@Suite struct CanvasPagingTests {
  func communicationSearches(_ sandbox: RunningSandbox) -> [String] {
    sandbox.server.faults.requests.filter { $0.hasPrefix("GET /Communication?") }
  }

  @Test(arguments: [false, true]) func anIdleSyncOfALargeInboxAsksForAHandful(newestFirst: Bool) async throws {
    let sandbox = try await RunningSandbox.start(messages: newestFirst ? 3_000 : 26_000) { $0.newestFirst = newestFirst }
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let engine = SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me)
    let first = try await engine.run(repage: .whenDue)
    #expect(first.pages > (newestFirst ? 15 : 140), "the first sync walks every page: \(first.pages)")
    let all = try store.counts().messages
    // The check-in sweep goes a batch of patients a cycle: any cycles after the first finish it before the idle ones.
    while try store.syncValue("full checkins") == nil { _ = try await engine.run(repage: .whenDue) }

    // Idle minutes: each cycle asks one page per scope, never page one of a big scope, and no staff.
    for _ in 0..<3 {
      sandbox.server.faults.clearLog()
      let idle = try await engine.run(repage: .whenDue)
      let requests = sandbox.server.faults.requests
      #expect(requests.count <= 4, "a handful of requests a cycle: \(requests)")
      #expect(!requests.contains { $0.hasPrefix("GET /Practitioner?") })
      #expect(idle.messages <= (newestFirst ? 200 : 6), "what is re-read is the join, not the inbox")
    }
    // A new message is found by the next idle cycle.
    let id = try await newPatientMessage(sandbox, text: "Arrived while idle")
    sandbox.server.faults.clearLog()
    _ = try await engine.run(repage: .whenDue)
    #expect(try store.rawMessage(id: id) != nil)
    #expect(try store.counts().messages == all + 1)
    #expect(communicationSearches(sandbox).count == 2, "\(communicationSearches(sandbox))")
    await sandbox.stop()
  }

  /// A first sync of a server that lists oldest first fills the inbox newest first: by the time the first page
  /// of the walk is stored, the newest message to the clinician is already in the cache.
  @Test func aFirstSyncStoresTheNewestPageFirst() async throws {
    let sandbox = try await RunningSandbox.start(messages: 3_000)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let toMe = [("recipient", sandbox.me.reference)]
    let count = try await total(sandbox.client, toMe)
    #expect(count > 200, "more than two pages to walk")
    let newest = try await sandbox.client.search("Communication", toMe + [("_offset", String(count - 1)), ("_count", "1")])
    let newestID = try #require(DecodedPage(newest).ids.first.map(MessageID.init(rawValue:)))
    final class Seen: @unchecked Sendable { var atFirstPage: Bool? }
    let seen = Seen()
    _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me).run { p in
      guard seen.atFirstPage == nil, p.scope == "messages to me", p.pages == 1 else { return }
      seen.atFirstPage = (try? store.rawMessage(id: newestID)) != nil
    }
    #expect(seen.atFirstPage == true, "the newest message is on screen before the walk's first page is")
    #expect(try store.counts().messages >= count, "and the walk brings every message")
    await sandbox.stop()
  }

  @Test func aPageThatDoesNotJoinAndTheSlowScheduleWalkTheScopeWhole() async throws {
    let sandbox = try await RunningSandbox.start(messages: 600)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let engine = SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me)
    _ = try await engine.run(repage: .whenDue)
    let pagesToMe = (try await total(sandbox.client, [("recipient", sandbox.me.reference)]) + 99) / 100

    // A message to me is gone from the server: the offsets shift, the join fails, the scope is walked again.
    let gone = try #require(try store.messages(MessageQuery(view: .mine, me: sandbox.me), offset: 50, limit: 1).first?.id)
    try sandbox.server.removeCommunication(id: gone.rawValue)
    sandbox.server.faults.clearLog()
    _ = try await engine.run(repage: .whenDue)
    let walkedToMe = communicationSearches(sandbox).filter { $0.contains("recipient=") }
    #expect(walkedToMe.count == 1 + pagesToMe, "the tail, then every page: \(walkedToMe)")

    // The slow schedule: once its interval has passed, every scope is walked whole.
    engine.fullRepageInterval = 0
    sandbox.server.faults.clearLog()
    _ = try await engine.run(repage: .whenDue)
    #expect(communicationSearches(sandbox).contains { $0.contains("recipient=") && !$0.contains("_offset") },
            "the first page asked for again")
    #expect(sandbox.server.faults.requests.contains { $0.hasPrefix("GET /Practitioner?") }, "and the staff")
    await sandbox.stop()
  }

  @Test func theBackgroundSyncWalksWholeOnlyAtStartAndWhenAsked() async throws {
    let sandbox = try await RunningSandbox.start(messages: 1_500)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let engine = SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me)
    let finished = Counter()
    let background = BackgroundSync(engine: engine, pusher: OutboxPusher(client: sandbox.client, store: store), store: store,
                                    interval: 0.3) { event in
      if case .finished = event { finished.increment() }
    }
    background.start()
    defer { background.stop() }
    func waitForCycles(_ n: Int) async {
      let deadline = Date().addingTimeInterval(60)
      while finished.value < n && Date() < deadline { try? await Task.sleep(nanoseconds: 50_000_000) }
    }
    await waitForCycles(1)
    sandbox.server.faults.clearLog()
    await waitForCycles(5)
    let idle = communicationSearches(sandbox)
    #expect(idle.count >= 8, "four idle cycles ran: \(idle.count)")
    #expect(idle.allSatisfy { $0.contains("_offset=") }, "no page one between full walks: \(idle.filter { !$0.contains("_offset=") })")
    // `s`: the clinician asks, and the scopes are walked whole.
    sandbox.server.faults.clearLog()
    background.trigger()
    await waitForCycles(6)
    #expect(communicationSearches(sandbox).contains { !$0.contains("_offset=") })
    await sandbox.stop()
  }
}
