import Foundation
import Testing
import GRDB
import FHIR
import FHIRMapping
@testable import Store

/// v17: a reference's kind and id in columns of their own. A cache made before it — no such columns, triggers that
/// read a reference's text — opens with every view as it was, and the views go on taking new messages.
@Suite struct ReferenceColumnsTests {
  /// The trigger text clinbox wrote before v17, which matched a reference's prefix.
  static func beforeV17(_ sql: String) -> String {
    var old = sql
    for prefix in ["m.", "NEW."] {
      old = old.replacingOccurrences(of: "\(prefix)sender_kind = 'patient'", with: "\(prefix)sender LIKE 'Patient/%'")
        .replacingOccurrences(of: "\(prefix)sender_kind = 'staff'", with: "\(prefix)sender LIKE 'Practitioner/%'")
        .replacingOccurrences(of: "\(prefix)recipient_kind = 'staff'", with: "\(prefix)recipient LIKE 'Practitioner/%'")
        .replacingOccurrences(of: "\(prefix)recipient_kind <> 'staff'",
                              with: "\(prefix)recipient NOT LIKE 'Practitioner/%'")
    }
    return old
  }

  /// A cache as clinbox left it at v16: the migrations up to there, without the columns, with the old triggers.
  func cacheAtV16() throws -> OldCache {
    let old = try OldCache(upTo: "v16: an app's received stamp is not a read")
    try old.write { db in
      for name in ViewIndex.triggerNames + Awaiting.triggerNames { try db.execute(sql: "DROP TRIGGER \(name)") }
      for (table, reference, kind) in ReferenceColumns.made {
        if kind { try db.execute(sql: "ALTER TABLE \(table) DROP COLUMN \(reference)_kind") }
        try db.execute(sql: "ALTER TABLE \(table) DROP COLUMN \(reference)_id")
      }
      try db.execute(sql: Self.beforeV17(ViewIndex.triggers(views: InboxView.allCases, changes: ViewIndex.changes)))
      try db.execute(sql: Self.beforeV17(Awaiting.triggers))
      for i in 0..<40 {
        let sent = ViewIndexTests.base.addingTimeInterval(-Double(i) * 40_000)
        let message = syncedMessage("old\(i)", patient: PatientID(rawValue: "p\(i % 4)"),
                                    staff: i % 7 == 0 ? nil : "doc2", fromPatient: i % 5 > 0, sent: sent,
                                    received: i % 3 == 0, text: i % 6 == 0 ? "chest pain since \(i)" : nil)
        try Store.upsert(message, in: db, at: ViewIndexTests.base)
      }
      try db.execute(sql: "UPDATE message SET done_at = 1 WHERE id IN ('old1', 'old2')")
    }
    return old
  }

  func viewRows(_ path: String) throws -> [String] {
    try DatabaseQueue(path: path).read { db in
      try Row.fetchAll(db, sql: "SELECT view, owner, mid FROM view_row ORDER BY 1, 2, 3")
        .map { "\($0[0]) \($0[1]) \($0[2])" }
    }
  }

  @Test func aCacheFromBeforeOpensWithItsViewsAsTheyWereAndKeepsThem() throws {
    let old = try cacheAtV16()
    defer { old.remove() }
    let path = old.path
    let before = try viewRows(path)
    #expect(before.count > 40, "the old triggers filled the views")

    let store = try Store(path: path)
    #expect(try viewRows(path) == before, "no message moved between views")
    let counts = try store.viewCounts(me: "doc2")
    for view in [InboxView.unread, .sent, .urgent, .unassigned] { #expect(counts[view] ?? 0 > 0, "\(view)") }
    try ViewIndexTests().expectIndexMatchesScan(store, "upgraded")

    // The new triggers take a patient's new message: Unread, Mine, Urgent and Awaiting reply hold it.
    let waitingBefore = try store.count(MessageQuery(view: .awaiting, me: "doc2"))
    try store.transaction(at: ViewIndexTests.base) { cache in
      try cache.upsert(syncedMessage("new", patient: "p9", staff: "doc2", fromPatient: true,
                                     sent: ViewIndexTests.base.addingTimeInterval(60), received: false,
                                     text: "chest pain since this morning"))
    }
    for view in [InboxView.unread, .mine, .urgent] {
      let first = try store.messages(MessageQuery(view: view, me: "doc2"), offset: 0, limit: 1).first
      #expect(first?.id == "new", "\(view)")
      #expect(first?.from == .patient(id: "p9") && first?.to == .staff(id: "doc2"))
    }
    #expect(try store.count(MessageQuery(view: .awaiting, me: "doc2")) == waitingBefore + 1)
    try ViewIndexTests().expectIndexMatchesScan(store, "after a new message")
    let triggers = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger'")
    }
    #expect(!triggers.isEmpty && !triggers.contains { $0.contains("LIKE 'P") }, "no trigger reads a reference's text")
  }
}
