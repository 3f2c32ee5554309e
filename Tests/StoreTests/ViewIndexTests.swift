import Foundation
import Testing
import GRDB
import FHIR
import FHIRMapping
@testable import Store

/// A small seeded generator: the same history every run, and another seed is another history.
struct SplitMix {
  var state: UInt64
  mutating func next(_ n: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(n))
  }
}

/// A message as a sync brings it: from a patient to a clinician (or to nobody: Unassigned) or the other way.
func syncedMessage(_ id: MessageID, patient: PatientID, staff: String?, fromPatient: Bool, sent: Date,
                   received: Bool, text: String? = nil) -> SyncedMessage {
  let p = Reference(reference: "Patient/\(patient)", type: "Patient")
  let s = staff.map { Reference(reference: "Practitioner/\($0)", type: "Practitioner") }
  let c = Communication(id: id.rawValue, status: "completed", subject: p, sent: Instant.format(sent),
                        received: received ? Instant.format(sent.addingTimeInterval(60)) : nil,
                        recipient: fromPatient ? (s.map { [$0] } ?? []) : [p], sender: fromPatient ? p : s ?? p,
                        text: text ?? "message \(id)")
  let raw = try! FHIRJSON.decoder.decode(JSONValue.self, from: FHIRJSON.encoder.encode(c))
  return SyncedMessage(c, raw: raw)!
}

@Suite struct ViewIndexTests {
  static let staff = ["doc1", "doc2", "doc3"]
  static let base = Date(timeIntervalSince1970: 1_790_000_000)

  /// Every view, as each clinician sees it, read through the index and counted from `message` itself: the same
  /// count, the same rows in the same order page by page, the same position for each row.
  /// Returns how many threads were waiting for a reply.
  @discardableResult
  func expectIndexMatchesScan(_ store: Store, _ step: String) throws -> Int {
    for me in Self.staff.map({ StaffID(rawValue: $0) }) {
      let counts = try store.viewCounts(me: me)
      for view in InboxView.allCases where ![.awaiting, .routedByMe, .covering].contains(view) {
        let query = MessageQuery(view: view, me: me)
        let full = try store.scanCount(query)
        #expect(try store.count(query) == full, "\(step): \(view) count for \(me)")
        #expect(counts[view] == full, "\(step): \(view) sidebar count for \(me)")
        let scanned = try store.scanPage(query, offset: 0, limit: 10_000, total: nil).map(\.id)
        var paged: [MessageID] = []
        while paged.count < full + 7 {
          let page = try store.messages(query, offset: paged.count, limit: 7)
          if page.isEmpty { break }
          paged += page.map(\.id)
        }
        #expect(paged == scanned, "\(step): \(view) pages for \(me)")
        for (i, id) in scanned.enumerated() where i % 5 == 0 {
          #expect(try store.position(ofMessage: id, in: query) == i, "\(step): \(view) position of \(id)")
        }
      }
    }
    // Awaiting reply, kept message by message by its triggers, is what working it out afresh gives.
    // (A thread with nothing waiting and nothing answered may have no row at all: only waits are compared.)
    let waits = "SELECT patient_id, since, newest, mid FROM thread_wait WHERE since IS NOT NULL ORDER BY patient_id"
    let kept = try store.read { db in try Row.fetchAll(db, sql: waits) }
    let afresh = try store.write { db in
      try db.execute(sql: "SAVEPOINT afresh; DELETE FROM thread_wait; \(Awaiting.fill)")
      defer { try? db.execute(sql: "ROLLBACK TO afresh; RELEASE afresh") }
      return try Row.fetchAll(db, sql: waits)
    }
    #expect(kept == afresh, "\(step): Awaiting reply's running account")
    return kept.count
  }

  @Test(arguments: [1, 2, 3])
  func countsAndPagesStayExactThroughRandomSyncsTriageAndUndo(seed: Int) throws {
    let t = try TempCache()
    var rng = SplitMix(state: UInt64(seed))
    var ids: [MessageID] = []
    var drafts: [String] = []
    var waits = 0
    for step in 0..<240 {
      let now = Self.base.addingTimeInterval(Double(step))
      let any = ids.isEmpty ? nil : ids[rng.next(ids.count)]
      let patient = PatientID(rawValue: "p\(rng.next(6))")
      switch rng.next(10) {
      case 0, 1, 2:
        // A sync page brings a new message, or a changed copy of one already cached (another recipient, read
        // on the server, another time — across days, and often the same second as another message).
        let id = rng.next(4) == 0 && any != nil ? any! : "m\(step)"
        if !ids.contains(id) { ids.append(id) }
        let staff = rng.next(5) == 0 ? nil : Self.staff[rng.next(3)]
        let sent = Self.base.addingTimeInterval(-Double(rng.next(40)) * 21_600)
        try t.store.transaction(at: now) { cache in
          // Some patients write red-flag words (Urgent), some deny them.
          let text = ["message \(id)", "chest pain since \(id)", "no chest pain \(id)"][rng.next(3)]
          try cache.upsert(syncedMessage(id, patient: patient, staff: staff, fromPatient: rng.next(3) > 0, sent: sent,
                                         received: rng.next(4) == 0, text: text))
        }
      case 3:
        if let any { _ = try t.store.setDone(any, rng.next(3) > 0, at: now) }
      case 4:
        if let any { try t.store.setUnread(any, rng.next(2) == 0, at: now) }
      case 5:
        if let any { try t.store.markRead([any], at: now) }
      case 6:
        if let any {
          let owner = StaffID(rawValue: Self.staff[rng.next(3)])
          try t.store.queueRoute(messageID: any, patientID: patient, to: owner, from: "doc1", note: "",
                                 at: now)
        }
      case 7:
        // A routing cancelled or completed (undo of a route, or done elsewhere), or one the server sends.
        if let any, let task = try t.store.openTask(forMessage: any) {
          try t.store.queueTaskStatus(taskID: task, status: rng.next(2) == 0 ? "cancelled" : "completed", at: now)
        } else if let any {
          try t.store.transaction(at: now) { cache in
            try cache.upsert(SyncedTask(id: "task\(step)", messageID: any, patientID: patient,
                                        owner: Party(reference: "Practitioner/\(Self.staff[rng.next(3)])"),
                                        requester: nil))
          }
        }
      case 8:
        if rng.next(2) == 0 || drafts.isEmpty {
          drafts.append(try t.store.saveDraft(id: nil, patientID: patient, from: "doc2", text: "draft",
                                              cursor: 0, at: now))
        } else {
          try t.store.deleteDraft(drafts.removeLast())
        }
      default:
        // A reply queued, then on its way, sent or failed.
        let entry = try t.store.queueMessage(patientID: patient, from: StaffID(rawValue: Self.staff[rng.next(3)]),
                                             text: "reply \(step)", at: now)
        switch rng.next(4) {
        case 0: try t.store.markSending(entry.id, at: now)
        case 1: try t.store.markSent(entry.id, serverID: "s\(step)", at: now)
        case 2: try t.store.markFailed(entry.id, error: "refused", at: now)
        default: break
        }
      }
      // Any staff is asked for halfway: its rows are worked out for what is cached, then kept by the triggers.
      if step == 100 { try t.store.setSyncsAnyStaff(true) }
      if step % 40 == 39 { waits += try expectIndexMatchesScan(t.store, "seed \(seed) step \(step)") }
    }
    #expect(waits > 0, "some threads were waiting for a reply along the way")
    #expect(try t.store.count(MessageQuery(view: .anyStaff, me: "doc1")) > 0)
    #expect(try t.store.count(MessageQuery(view: .all, me: "doc1")) > 50)
  }

  /// A thousand messages over thirty days, every one to doc1, seven a day at the same second.
  func thousand(_ store: Store) throws {
    try store.transaction { cache in
      for i in 0..<1_000 {
        let sent = Self.base.addingTimeInterval(-Double(i / 7) * 3_600)
        let id = MessageID(rawValue: String(format: "k%04d", i))
        try cache.upsert(syncedMessage(id, patient: "p\(i % 9)", staff: "doc1",
                                       fromPatient: true, sent: sent, received: false))
      }
    }
  }

  @Test func theFirstTheLastAndAPagePastTheEndAreReadByKey() throws {
    let t = try TempCache()
    try thousand(t.store)
    let mine = MessageQuery(view: .mine, me: "doc1")
    #expect(try t.store.count(mine) == 1_000)
    let first = try t.store.messages(mine, offset: 0, limit: 10).map(\.id)
    // The newest second holds k0000…k0006: ties go by id, newest (largest) first.
    #expect(first == ["k0006", "k0005", "k0004", "k0003", "k0002", "k0001", "k0000", "k0013", "k0012", "k0011"])
    let last = try t.store.messages(mine, offset: 990, limit: 10).map(\.id)
    #expect(last.count == 10)
    #expect(last.last == "k0994")
    #expect(try t.store.messages(mine, offset: 995, limit: 10).count == 5)
    #expect(try t.store.messages(mine, offset: 1_000, limit: 10).isEmpty)
    #expect(try t.store.messages(mine, offset: 5_000, limit: 10).isEmpty)
    #expect(try t.store.position(ofMessage: "k0994", in: mine) == 999)
    #expect(try t.store.position(ofMessage: "k0994", in: MessageQuery(view: .sent, me: "doc1")) == nil)
  }

  @Test func aMessageArrivingAboveTheWindowMovesItsRowsDownByOne() throws {
    let t = try TempCache()
    try thousand(t.store)
    let unread = MessageQuery(view: .unread, me: "doc1")
    let window = try t.store.messages(unread, offset: 500, limit: 20)
    let selected = window[3].id
    #expect(try t.store.position(ofMessage: selected, in: unread) == 503)
    // While the window is open a sync brings 25 newer messages, and one at the very second of the selected row.
    let sameSecond = try t.store.messages(unread, offset: 503, limit: 1)[0].sent!
    try t.store.transaction { cache in
      for i in 0..<25 {
        try cache.upsert(syncedMessage("n\(i)", patient: "p1", staff: "doc1", fromPatient: true,
                                       sent: Self.base.addingTimeInterval(Double(i + 1)), received: false))
      }
      try cache.upsert(syncedMessage("z-same-second", patient: "p2", staff: "doc1", fromPatient: true,
                                     sent: sameSecond, received: false))
    }
    #expect(try t.store.count(unread) == 1_026)
    #expect(try t.store.position(ofMessage: selected, in: unread) == 529)
    let again = try t.store.messages(unread, offset: 529, limit: 17).map(\.id)
    #expect(again == Array(window[3...].map(\.id)))
    // Done takes it out of Unread and Mine, and the rows below move up.
    _ = try t.store.setDone(selected, true, at: Self.base)
    #expect(try t.store.position(ofMessage: selected, in: unread) == nil)
    #expect(try t.store.messages(unread, offset: 529, limit: 1).map(\.id) == [window[4].id])
    #expect(try t.store.count(MessageQuery(view: .done, me: "doc1")) == 1)
  }

  @Test func aCacheFromBeforeTheIndexIsIndexedWhenOpened() throws {
    let old = try OldCache(upTo: "v10: patients' messages recorded here")
    defer { old.remove() }
    try old.write { db in
      for i in 0..<50 {
        try Store.upsert(syncedMessage("old\(i)", patient: "p\(i % 4)", staff: "doc2", fromPatient: i % 5 > 0,
                                       sent: Self.base.addingTimeInterval(-Double(i) * 40_000), received: false),
                         in: db, at: Self.base)
      }
      try db.execute(sql: "UPDATE message SET done_at = 1 WHERE id IN ('old1', 'old2')")
    }
    let store = try Store(path: old.path)
    let counts = try store.viewCounts(me: "doc2")
    #expect(counts[.all] == 50)
    #expect(counts[.done] == 2)
    #expect(counts[.mine] == 38)
    #expect(counts[.sent] == 10)
    try expectIndexMatchesScan(store, "opened")
  }
}
