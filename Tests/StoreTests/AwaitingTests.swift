import Foundation
import Testing
import GRDB
import FHIR
import FHIRMapping
@testable import Store

/// Awaiting reply: the threads whose newest words are the patient's, unanswered, the longest wait first.
@Suite struct AwaitingTests {
  static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
  static let doc1: StaffID = "doc1"
  static let doc2: StaffID = "doc2"

  func at(_ hours: Double) -> Date { Self.t0.addingTimeInterval(hours * 3_600) }

  func patientWrites(_ t: TempCache, _ id: MessageID, patient: PatientID = "p1", to staff: String = "doc1",
                     hours: Double) throws {
    try t.store.transaction(at: at(hours)) { cache in
      try cache.upsert(syncedMessage(id, patient: patient, staff: staff, fromPatient: true, sent: at(hours),
                                     received: false))
    }
  }

  func waiting(_ t: TempCache, me: StaffID? = Self.doc1) throws -> [(id: MessageID, patient: PatientID, since: Date?)] {
    try t.store.messages(MessageQuery(view: .awaiting, me: me), offset: 0, limit: 100)
      .map { ($0.id, $0.patientID, $0.waitingSince) }
  }

  @Test func aReplyTakesTheThreadOutAndTheNextPatientMessageBringsItBack() throws {
    let t = try TempCache()
    try patientWrites(t, "a1", hours: 0)
    try patientWrites(t, "a2", hours: 5)
    // One row for the thread: the newest words, waiting since the first unanswered message.
    var rows = try waiting(t)
    #expect(rows.map(\.id) == ["a2"])
    #expect(rows.first?.since == at(0))
    #expect(try t.store.count(MessageQuery(view: .awaiting, me: Self.doc1)) == 1)

    try t.store.queueMessage(patientID: "p1", from: Self.doc1, text: "Call us", at: at(6))
    #expect(try waiting(t).isEmpty)

    try patientWrites(t, "a3", hours: 8)
    rows = try waiting(t)
    #expect(rows.map(\.id) == ["a3"])
    #expect(rows.first?.since == at(8), "the wait starts again at the message after the reply")
  }

  @Test func doneTakesItOutUntilThePatientWritesAgain() throws {
    let t = try TempCache()
    try patientWrites(t, "b1", hours: 0)
    try t.store.setDone("b1", true, at: at(1))
    #expect(try waiting(t).isEmpty)
    try t.store.setDone("b1", false, at: at(2))
    #expect(try waiting(t).map(\.id) == ["b1"], "undoing done brings the wait back")
    try t.store.setDone("b1", true, at: at(3))
    try patientWrites(t, "b2", hours: 4)
    #expect(try waiting(t).map(\.id) == ["b2"])
    #expect(try waiting(t).first?.since == at(4))
  }

  @Test func aPhoneMessageRecordedForAColleagueTakesItOut() throws {
    let t = try TempCache()
    try patientWrites(t, "c1", hours: 0)
    try t.store.queueRecordedMessage(patientID: "p1", for: Self.doc2, recordedBy: Self.doc1.rawValue,
                                     text: "Called: wants a call back from Dr 2", at: at(1))
    #expect(try waiting(t).isEmpty)
    #expect(try waiting(t, me: Self.doc2).isEmpty, "a recorded message is staff's own contact, not a new wait")
  }

  @Test func aFailedReplyOrADraftLeavesThePatientWaiting() throws {
    let t = try TempCache()
    try patientWrites(t, "d1", hours: 0)
    let entry = try t.store.queueMessage(patientID: "p1", from: Self.doc1, text: "reply", at: at(1))
    try t.store.markFailed(entry.id, error: "refused", at: at(1))
    _ = try t.store.saveDraft(id: nil, patientID: "p1", from: Self.doc1, text: "draft", cursor: 0, at: at(2))
    #expect(try waiting(t).map(\.id) == ["d1"])
  }

  @Test func longestWaitFirstWithTheirAgesAndEachClinicianSeesTheirOwn() throws {
    let t = try TempCache()
    try patientWrites(t, "e1", patient: "p1", hours: 10)
    try patientWrites(t, "e2", patient: "p2", hours: 2)
    try patientWrites(t, "e3", patient: "p3", hours: 30)
    try patientWrites(t, "e4", patient: "p4", to: "doc2", hours: 1)
    let rows = try waiting(t)
    #expect(rows.map(\.patient) == ["p2", "p1", "p3"])
    #expect(rows.map(\.since) == [at(2), at(10), at(30)])
    #expect(try t.store.longestWait(me: Self.doc1) == at(2))
    #expect(try t.store.longestWait(me: Self.doc2) == at(1))
    #expect(try waiting(t, me: nil).map(\.patient) == ["p4", "p2", "p1", "p3"])
    #expect(try t.store.position(ofMessage: "e3", in: MessageQuery(view: .awaiting, me: Self.doc1)) == 2)
    // Routed to doc2, p3's thread waits on doc2 too.
    try t.store.queueRoute(messageID: "e3", patientID: "p3", to: Self.doc2, from: Self.doc1, note: "", at: at(31))
    #expect(try waiting(t, me: Self.doc2).map(\.patient) == ["p4", "p3"])
    #expect(try t.store.viewCounts(me: Self.doc2)[.awaiting] == 2)
  }

  @Test func aCacheFromBeforeTheViewIsFilledWhenOpened() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-v13-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("cache.sqlite").path
    try Store.prepareFile(at: path)
    let pool = try DatabasePool(path: path, configuration: {
      var c = Configuration()
      c.prepareDatabase { db in
        Store.addFunctions(db)
      }
      return c
    }())
    try Migrations.migrator.migrate(pool, upTo: "v13: messages are indexed for search in batches")
    try pool.write { db in
      try Store.upsert(syncedMessage("f1", patient: "p1", staff: "doc1", fromPatient: true, sent: at(0), received: false),
                       in: db, at: at(0))
      try Store.upsert(syncedMessage("f2", patient: "p2", staff: "doc1", fromPatient: true, sent: at(1), received: false),
                       in: db, at: at(1))
      try Store.upsert(syncedMessage("f3", patient: "p2", staff: "doc1", fromPatient: false, sent: at(2), received: false),
                       in: db, at: at(2))
    }
    let store = try Store(path: path)
    #expect(try store.messages(MessageQuery(view: .awaiting, me: Self.doc1), offset: 0, limit: 10).map(\.id) == ["f1"])
  }
}
