import Foundation
import Testing
import GRDB
import FHIR
import FHIRMapping
import Sandbox
import Store
@testable import Sync

/// v18: the outbox keeps what a clinician meant, and `Sync` makes the request when it sends. Writes a clinbox
/// before v18 queued — kept as the resource to send — are read back at the upgrade and go out as they would have.
@Suite struct OutboxIntentMigrationTests {
  static let v18 = "v18: the outbox keeps what the clinician meant"

  /// The cache as clinbox left it at v17: each waiting write kept as its resource, no intent column.
  func keepAsBeforeV18(_ path: String, _ resources: [Int64: String]) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      for (id, text) in resources {
        try db.execute(sql: "UPDATE outbox SET payload = ? WHERE id = ?", arguments: [text, id])
      }
      try db.execute(sql: "ALTER TABLE outbox DROP COLUMN intent")
      try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [Self.v18])
    }
    try queue.close()
  }

  func text<T: Encodable>(_ resource: T) throws -> String {
    String(decoding: try FHIRJSON.encoder.encode(resource), as: UTF8.self)
  }

  @Test func aRoutingAStatusAndACheckInQueuedBeforeTheUpgradeGoOutAsTheyWouldHave() async throws {
    let sandbox = try await RunningSandbox.start(messages: 60)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("cache.sqlite").path
    let due = Date(timeIntervalSince1970: 1_796_000_000)
    var old: [Int64: String] = [:]
    let (earlier, waiting, recorded, sam, patient, form, checkInEntry) = try await {
      let store = try Store(path: path)
      _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me).run()
      let sam = try #require(try store.staffForPicker(includeNonSchedulable: true)
        .first { $0.name.hasPrefix("Samantha Jones") })
      let mine = try store.messages(MessageQuery(view: .mine, me: sandbox.me), offset: 0, limit: 2)
      try #require(mine.count == 2)
      // A routing already delivered, whose cancelling waits.
      let first = try store.queueRoute(messageID: mine[0].id, patientID: mine[0].patientID, to: sam.id,
                                       from: sandbox.me, note: "", at: Date())
      let taskID = try #require(try await OutboxPusher(client: sandbox.client, store: store).push().delivered[first.id])
      let cancel = try #require(try store.queueTaskStatus(taskID: TaskID(rawValue: taskID), status: "cancelled",
                                                          at: Date()))
      let kept = try #require(try store.taskRaw(id: TaskID(rawValue: taskID)))
      old[cancel.id] = try text(try #require(try TaskStatusWrite(kept: kept, status: "cancelled")).update)
      // A routing that waits, urgent and due.
      let route = try store.queueRoute(messageID: mine[1].id, patientID: mine[1].patientID, to: sam.id,
                                       from: sandbox.me, note: "Call her back tomorrow", at: Date(),
                                       labels: ["Urgent"], due: due)
      guard case .routing(let routing)? = route.intent else { throw CancellationError() }
      old[route.id] = try text(RoutingWrite(routing, patientID: mine[1].patientID).task)
      // A check-in that waits.
      let form = try #require(try store.checkInForms().first { $0.name == "Mood check-in" })
      let patient = mine[1].patientID
      let answered = CheckIn(id: "", patientID: patient, formID: form.id, authored: Date(),
                             answers: [form.questions[0].linkId: [.choice(form.questions[0].choices[2])]])
      let checkIn = try store.queueCheckIn(answered, form: form, author: sandbox.me)
      guard case .checkIn(let intent)? = checkIn.intent else { throw CancellationError() }
      old[checkIn.id] = try text(CheckInWrite(intent, patientID: patient).response)
      return (taskID, mine[1].id, form.questions[0].choices[2], sam, patient, form, checkIn.id)
    }()
    try keepAsBeforeV18(path, old)

    let store = try Store(path: path)
    let pending = try store.pendingOutbox()
    #expect(pending.count == 3 && pending.allSatisfy { $0.intent != nil }, "every waiting write read back: \(pending)")
    try await knowCapabilities(sandbox.client)
    let pushed = try await OutboxPusher(client: sandbox.client, store: store).push()
    #expect(pushed.delivered.count == 3 && pushed.failed.isEmpty, "\(pushed)")

    let (cancelled, _) = try await sandbox.client.read(FHIRTask.self, "Task", id: earlier)
    #expect(cancelled.status == "cancelled", "the status change reached the routing")
    let tasks = try await sandbox.client.search("Task", [("owner", "Practitioner/\(sam.id)")])
      .decodable(FHIRTask.self, named: "Task").resources.map(\.0)
    let routed = try #require(tasks.first { $0.messageID == waiting.rawValue })
    #expect(routed.instructions == "Call her back tomorrow" && routed.labels == ["Urgent"])
    #expect(routed.restriction?.period?.end.flatMap(Instant.parse) == due, "the due date as it was set")
    let responseID = try #require(pushed.delivered[checkInEntry])
    let (response, _) = try await sandbox.client.read(QuestionnaireResponse.self, "QuestionnaireResponse",
                                                      id: responseID)
    #expect(response.questionnaireID == form.id && response.subject?.id == patient.rawValue)
    #expect(response.item?.first?.answer?.first?.valueCoding?.code == recorded.code, "the answer as it was given")
    await sandbox.stop()
  }

  @Test func aWriteThatCannotBeReadFailsWithAReasonTheClinicianSees() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("cache.sqlite").path
    let id = try {
      let store = try Store(path: path)
      let entry = try store.queueRoute(messageID: "m1", patientID: "p1", to: "doc2", from: "doc1", note: "",
                                       at: Date())
      return entry.id
    }()
    try keepAsBeforeV18(path, [id: #"{"resourceType": "Task", "status": "requested"}"#])
    let store = try Store(path: path)
    #expect(try store.pendingOutbox().isEmpty)
    #expect(try store.outboxCounts().failed == 1)
    let failed = try #require(try store.outboxEntry(id: id))
    #expect(failed.state == .failed && failed.lastError == "kept by an older clinbox and could not be read")
  }
}
