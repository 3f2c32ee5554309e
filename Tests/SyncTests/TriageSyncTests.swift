import Foundation
import Testing
import FHIR
import Sandbox
import Store
@testable import Sync

/// Routing and done through FHIR Task, against the sandbox, seen from both colleagues' caches.
@Suite struct TriageSyncTests {
  @Test func aRoutedMessageAppearsInTheColleaguesRoutedView() async throws {
    let sandbox = try await RunningSandbox.start(messages: 80)
    let (mine, dir1) = try temporaryStore()
    let (theirs, dir2) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir1); try? FileManager.default.removeItem(at: dir2) }
    _ = try await SyncEngine(client: sandbox.client, store: mine, practitionerID: sandbox.me).run()
    let staff = try mine.staffForPicker(includeNonSchedulable: true)
    let sam = try #require(staff.first { $0.name.hasPrefix("Samantha Jones") })
    let message = try #require(try mine.messages(MessageQuery(view: .mine, me: "Practitioner/\(sandbox.me)"), offset: 0, limit: 1).first)

    let entry = try mine.queueRoute(messageID: message.id, patientID: message.patientID, to: sam.reference,
                                    from: "Practitioner/\(sandbox.me)", note: "Please call about the refill", at: Date())
    #expect(try mine.messages(MessageQuery(view: .all), offset: 0, limit: 500).first { $0.id == message.id }?.routedTo == sam.name,
            "shown as routed at once, before the server has it")
    let pushed = try await OutboxPusher(client: sandbox.client, store: mine).push()
    let taskID = try #require(pushed.delivered[entry.id])
    let (task, _) = try await sandbox.client.read(FHIRTask.self, "Task", id: taskID)
    #expect(task.owner?.relative == sam.reference && task.focus?.relative == "Communication/\(message.id)")
    #expect(task.intent == "unknown" && task.status == "requested" && task.requester?.relative == "Practitioner/\(sandbox.me)")

    // Samantha's inbox: the message is in Routed to me, though it was never sent to her.
    _ = try await SyncEngine(client: sandbox.client, store: theirs, practitionerID: sam.id).run()
    let routed = try theirs.messages(MessageQuery(view: .routed, me: sam.reference), offset: 0, limit: 50)
    #expect(routed.map(\.id) == [message.id])

    // Done in Samantha's inbox completes the Task; it leaves her Routed view.
    let open = try #require(try theirs.openTask(forMessage: message.id))
    try theirs.setDone(message.id, true, at: Date())
    try theirs.queueTaskStatus(taskID: open.id, status: "completed", at: Date())
    _ = try await OutboxPusher(client: sandbox.client, store: theirs).push()
    let (after, _) = try await sandbox.client.read(FHIRTask.self, "Task", id: taskID)
    #expect(after.status == "completed")
    #expect(try theirs.count(MessageQuery(view: .routed, me: sam.reference)) == 0)
    #expect(try theirs.count(MessageQuery(view: .done, me: sam.reference)) == 1)
    await sandbox.stop()
  }

  @Test func staffAreKnownSchedulableOrNot() async throws {
    let sandbox = try await RunningSandbox.start(messages: 10)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me).run()
    let schedulable = try store.staffForPicker(includeNonSchedulable: false).map(\.name)
    let everyone = try store.staffForPicker(includeNonSchedulable: true).map(\.name)
    #expect(!schedulable.contains("Tom Becker") && everyone.contains("Tom Becker"))
    #expect(schedulable.contains("Samantha Jones RN"))
    #expect(!everyone.contains("Grace Whitfield MD"), "staff who left are not offered")
    await sandbox.stop()
  }
}
