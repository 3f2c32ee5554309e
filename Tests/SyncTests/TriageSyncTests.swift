import Foundation
import Testing
import FHIR
import Sandbox
import Store
@testable import Sync
import FHIRMapping

/// Routing and done through FHIR Task, against the sandbox — which keeps only what Canvas documents for Task —
/// seen from both colleagues' caches.
@Suite struct TriageSyncTests {
  @Test func aRoutedMessageSurvivesCanvasAndReachesTheColleague() async throws {
    let sandbox = try await RunningSandbox.start(messages: 80)
    let (mine, dir1) = try temporaryStore()
    let (theirs, dir2) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir1); try? FileManager.default.removeItem(at: dir2) }
    _ = try await SyncEngine(client: sandbox.client, store: mine, practitionerID: sandbox.me).run()
    let staff = try mine.staffForPicker(includeNonSchedulable: true)
    let sam = try #require(staff.first { $0.name.hasPrefix("Samantha Jones") })
    let message = try #require(try mine.messages(MessageQuery(view: .mine, me: sandbox.me), offset: 0, limit: 1).first)

    let entry = try mine.queueRoute(messageID: message.id, patientID: message.patientID, to: sam.id,
                                    from: sandbox.me,
                                    note: "Please call about the refill\u{1B}]0;x\u{07}", at: Date())
    #expect(try mine.messages(MessageQuery(view: .all), offset: 0, limit: 500).first { $0.id == message.id }?.routedTo == sam.name,
            "shown as routed at once, before the server has it")
    let pushed = try await OutboxPusher(client: sandbox.client, store: mine).push()
    let taskID = try #require(pushed.delivered[entry.id])
    let (task, _) = try await sandbox.client.read(FHIRTask.self, "Task", id: taskID)
    #expect(task.focus == nil, "Canvas keeps no focus, and neither does the sandbox")
    #expect(task.owner?.relative == sam.reference && task.messageID == message.id.rawValue,
            "the link survives in a note")
    #expect(task.description?.hasPrefix("Message from \(message.patientName)") == true)
    #expect(task.description?.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) } == true,
            "no control character leaves clinbox: \(task.description ?? "")")
    #expect(task.description?.hasSuffix("— Please call about the refill]0;x") == true, "\(task.description ?? "")")
    #expect(task.instructions == "Please call about the refill]0;x", "the instructions as a comment of their own")
    #expect(task.intent == "unknown" && task.status == "requested" && task.requester?.relative == sandbox.me.reference)

    // Samantha's inbox, from a fresh cache: the message is in Routed to me, though it was never sent to her.
    _ = try await SyncEngine(client: sandbox.client, store: theirs, practitionerID: sam.id).run()
    let routed = try theirs.messages(MessageQuery(view: .routed, me: sam.id), offset: 0, limit: 50)
    #expect(routed.map(\.id) == [message.id])
    let handoff = try #require(routed.first?.routing, "the handoff comes with the message")
    #expect(handoff.requester == sandbox.me && handoff.note == "Please call about the refill]0;x")

    // Done in Samantha's inbox completes the Task, with its description, owner and note as they were.
    #expect(try theirs.setDone(message.id, true, at: Date()), "done queues the Task's completion")
    _ = try await OutboxPusher(client: sandbox.client, store: theirs).push()
    let (after, _) = try await sandbox.client.read(FHIRTask.self, "Task", id: taskID)
    #expect(after.status == "completed")
    #expect(after.description == task.description && after.owner == task.owner)
    #expect(after.note?.count == 2, "the link and the instructions, neither sent twice")
    #expect(try theirs.count(MessageQuery(view: .routed, me: sam.id)) == 0)
    #expect(try theirs.count(MessageQuery(view: .done, me: sam.id)) == 1)
    await sandbox.stop()
  }

  @Test func aTaskMadeInCanvasWithNoMessageStillShows() async throws {
    let sandbox = try await RunningSandbox.start(messages: 40)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let client = sandbox.client
    let patient = try #require(try await client.search("Patient", [("_count", "1")]).decodable(Patient.self, named: "Patient").resources.first?.0.id)
    // What Canvas's own Task panel makes: no link to any message.
    let made = FHIRTask(status: "requested", description: "Call back about lab results", for: Reference(reference: "Patient/\(patient)"),
                        focus: nil, owner: Reference(reference: sandbox.me.reference),
                        requester: Reference(reference: sandbox.me.reference))
    _ = try await client.create(made, type: "Task")
    _ = try await SyncEngine(client: client, store: store, practitionerID: sandbox.me).run()
    let routed = try store.messages(MessageQuery(view: .routed, me: sandbox.me), offset: 0, limit: 10)
    #expect(routed.count == 1)
    #expect(routed.first?.patientID.rawValue == patient)
    #expect(routed.first?.text.contains("Call back about lab results") == true)
    // A second sync neither loses nor doubles it.
    _ = try await SyncEngine(client: client, store: store, practitionerID: sandbox.me).run()
    #expect(try store.count(MessageQuery(view: .routed, me: sandbox.me)) == 1)
    await sandbox.stop()
  }

  @Test func theSandboxKeepsOnlyWhatCanvasDocumentsForTask() async throws {
    let sandbox = try await RunningSandbox.start(messages: 10)
    let client = sandbox.client
    let me = Reference(reference: sandbox.me.reference)
    var t = FHIRTask(status: "requested", description: "Check the dose", for: nil,
                     focus: Reference(reference: "Communication/abc"), owner: me, requester: me,
                     note: [.init(text: "first")])
    let id = try await client.create(t, type: "Task")
    let (read, raw) = try await client.read(FHIRTask.self, "Task", id: id)
    #expect(read.focus == nil && raw["focus"] == nil && read.description == "Check the dose")
    // An update that omits the description and owner deletes them; its note is added as a new comment.
    t.description = nil
    t.owner = nil
    t.status = "completed"
    t.note = [.init(text: "second")]
    try await client.update(t, type: "Task", id: id)
    let (updated, _) = try await client.read(FHIRTask.self, "Task", id: id)
    #expect(updated.description == nil && updated.owner == nil && updated.status == "completed")
    #expect(updated.note?.map(\.text) == ["first", "second"])
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
    #expect(try store.staffMember(id: Store.canvasBotID)?.name == "Canvas Bot", "the server lists Canvas Bot")
    #expect(!everyone.contains("Canvas Bot"), "but nobody routes to or acts as the automation user")
    await sandbox.stop()
  }
}
