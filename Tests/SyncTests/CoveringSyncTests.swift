import Foundation
import Testing
import FHIR
import Sandbox
import Store
@testable import Sync
import FHIRMapping

/// Covering a colleague: their inbox synced as a scope of its own into the clinician's cache holds exactly what a
/// sync acting as the colleague holds in their Mine, and reads the same with the server gone. Routing a message
/// with a red-flag match carries Canvas's label and the due date the note gave, and Routed by me shows it.
@Suite struct CoveringSyncTests {
  @Test func aCoveredInboxIsTheColleaguesOwnAndReadsOffline() async throws {
    let sandbox = try await RunningSandbox.start(messages: 200)
    let (mine, dir1) = try temporaryStore()
    let (theirs, dir2) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir1); try? FileManager.default.removeItem(at: dir2) }
    _ = try await SyncEngine(client: sandbox.client, store: mine, practitionerID: sandbox.me).run()
    let sam = try #require(try mine.staffForPicker(includeNonSchedulable: true).first { $0.name.hasPrefix("Samantha Jones") })
    #expect(try mine.count(MessageQuery(view: .covering, covering: [sam.id])) == 0, "not covered yet: nothing")

    // Covered from the inbox (kept in the cache), then the next sync.
    try mine.setCovering(sam.id, true)
    let engine = SyncEngine(client: sandbox.client, store: mine, practitionerID: sandbox.me)
    _ = try await engine.run()
    _ = try await SyncEngine(client: sandbox.client, store: theirs, practitionerID: sam.id).run()

    let covered = MessageQuery(view: .covering, me: sandbox.me, covering: [sam.id])
    let theirMine = MessageQuery(view: .mine, me: sam.id)
    let expected = try theirs.messages(theirMine, offset: 0, limit: 1_000).map(\.id)
    #expect(expected.count > 5, "Samantha has an inbox of her own in the seed")
    #expect(try mine.messages(covered, offset: 0, limit: 1_000).map(\.id) == expected)
    #expect(try mine.count(covered) == expected.count)
    #expect(try mine.coveredCounts([sam.id])[sam.id] == expected.count, "the sidebar's count")
    // None of them is mine: covering does not put a colleague's messages in Mine.
    let mineIDs = Set(try mine.messages(MessageQuery(view: .mine, me: sandbox.me), offset: 0,
                                        limit: 1_000).map(\.id))
    #expect(mineIDs.isDisjoint(with: expected))

    // The server goes away: a sync fails offline, and the cache, opened again from its file as the next morning's
    // inbox opens it, reads the covered inbox the same.
    await sandbox.stop()
    await #expect(throws: (any Error).self, "offline: the server is gone") {
      _ = try await SyncEngine(client: FHIRClient(server: sandbox.url, credentials: sandbox.credentials, timeout: 2,
                                                  retry: .once), store: mine, practitionerID: sandbox.me).run()
    }
    let reopened = try Store(path: dir1.appendingPathComponent("cache.sqlite").path)
    #expect(try reopened.messages(covered, offset: 0, limit: 1_000).map(\.id) == expected)
    #expect(try reopened.count(covered) == expected.count)
  }

  @Test func anUrgentRoutingCarriesItsLabelAndDueDateAndShowsInRoutedByMe() async throws {
    let sandbox = try await RunningSandbox.start(messages: 80)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me).run()
    let me = sandbox.me
    let sam = try #require(try store.staffForPicker(includeNonSchedulable: true).first { $0.name.hasPrefix("Samantha Jones") })
    let message = try #require(try store.messages(MessageQuery(view: .mine, me: me), offset: 0, limit: 1).first)
    let due = Date().addingTimeInterval(-3_600)
    let entry = try store.queueRoute(messageID: message.id, patientID: message.patientID, to: sam.id, from: me,
                                     note: "call today", at: Date(), labels: ["Urgent"], due: due)
    let pushed = try await OutboxPusher(client: sandbox.client, store: store).push()
    let taskID = try #require(pushed.delivered[entry.id])
    let (task, _) = try await sandbox.client.read(FHIRTask.self, "Task", id: taskID)
    #expect(task.labels == ["Urgent"], "Canvas's label, kept as Canvas keeps it")
    #expect(task.restriction?.period?.end.flatMap(Instant.parse).map { abs($0.timeIntervalSince(due)) < 1 } == true)
    // The sandbox searches Task by requester, as Canvas documents: my routings, not Samantha's.
    let byMe = try await sandbox.client.search("Task", [("requester", me.reference)])
    #expect(byMe.decodable(FHIRTask.self, named: "Task").resources.map { $0.0.id } == [taskID])
    let bySam = try await sandbox.client.search("Task", [("requester", sam.reference)])
    #expect(bySam.decodable(FHIRTask.self, named: "Task").resources.isEmpty)

    // A fresh cache of the same clinician finds the routing through the requester search.
    let (fresh, dir2) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir2) }
    _ = try await SyncEngine(client: sandbox.client, store: fresh, practitionerID: sandbox.me).run()
    let rows = try fresh.messages(MessageQuery(view: .routedByMe, me: me), offset: 0, limit: 10)
    #expect(rows.map(\.id) == [message.id])
    #expect(try fresh.position(ofMessage: message.id, in: MessageQuery(view: .routedByMe, me: me)) == 0)
    let routing = try #require(rows.first?.routing)
    #expect(routing.owner == sam.id && routing.ownerName == sam.name && routing.status == "requested")
    #expect(routing.overdue(at: Date()), "due an hour ago and still requested")
  }
}

/// Any staff: not synced until asked; its cost is the server's own count; once asked, every open patient's
/// message to any colleague is in the view, as paging the server whole finds them.
@Suite struct AnyStaffSyncTests {
  @Test func anyStaffIsSyncedOnlyOnRequestAndHoldsEveryPatientMessageToStaff() async throws {
    let sandbox = try await RunningSandbox.start(messages: 300)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let engine = SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me)
    _ = try await engine.run()
    let anyStaff = MessageQuery(view: .anyStaff, me: sandbox.me)
    let mine = try store.count(MessageQuery(view: .mine, me: sandbox.me))
    #expect(try store.count(anyStaff) == 0, "not until it is asked for")

    // Every Communication, paged raw: the cost's count and what the view must hold.
    var total = 0
    var toStaff = 0
    for try await page in sandbox.client.pages("Communication", [("_count", "100")]) {
      for (c, _) in page.decodable(Communication.self, named: "Communication").resources {
        total += 1
        if c.sender?.relative?.hasPrefix("Patient/") == true,
           c.recipient?.first?.relative?.hasPrefix("Practitioner/") == true { toStaff += 1 }
      }
    }
    let cost = try #require(try await engine.anyStaffCost())
    #expect(cost.messages == total && cost.requests == (total + 99) / 100)

    try store.setSyncsAnyStaff(true)
    _ = try await engine.run()
    let synced = try store.count(anyStaff)
    #expect(toStaff > mine && synced == toStaff)
  }
}
