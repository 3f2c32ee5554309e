import Foundation
import Testing
import GRDB
import FHIR
@testable import Store

/// A cache from before the app-stamp rule: a patient's message an app created with `received` equal to `sent` was
/// cached as read. Opened now, it is unread again — in Unread — and a message a person read stays read.
@Suite struct AppStampMigrationTests {
  @Test func aCachedAppStampIsUnreadOnceOpened() throws {
    let old = try OldCache(upTo: "v15: a routing's instructions")
    defer { old.remove() }
    let path = old.path
    let sent = Date(timeIntervalSince1970: 1_796_000_000)
    func message(_ id: MessageID, received: Date?, fromPatient: Bool = true) -> SyncedMessage {
      SyncedMessage(id: id, patientID: "p1", from: fromPatient ? .patient(id: "p1") : .staff(id: "doc1"),
                    to: fromPatient ? .staff(id: "doc1") : .patient(id: "p1"), sent: sent,
                    received: received.map { Instant.format($0) }, text: "message \(id)")
    }
    try old.write { db in
      try Store.upsert(message("stamped", received: sent), in: db, at: sent)
      try Store.upsert(message("stamped-later", received: sent.addingTimeInterval(3)), in: db, at: sent)
      try Store.upsert(message("read", received: sent.addingTimeInterval(600)), in: db, at: sent)
    }
    let unreadBefore = try OldCache.open(path).read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE received IS NULL")
    }
    #expect(unreadBefore == 0, "cached as read, as before the rule")
    let store = try Store(path: path)
    let unread = try store.messages(MessageQuery(view: .unread, me: "doc1"), offset: 0, limit: 10)
    #expect(Set(unread.map(\.id)) == ["stamped", "stamped-later"], "an app's stamp is no read; a person's is")
  }
}
