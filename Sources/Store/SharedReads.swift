import Foundation
import GRDB
import Clinic
import FHIRMapping

/// Read state shared through the companion plugin: a read (or an unread again) of a message addressed to the acting
/// clinician goes through the outbox, after whatever is queued before it. The last word wins: a second change of
/// the same message before the first is sent replaces it, so a message opened and marked unread offline sends one
/// write, not two.
extension Store {
  @discardableResult
  public func queueRead(_ id: MessageID, patientID: PatientID, read: Bool, by clinician: StaffID, at now: Date) throws
    -> OutboxEntry {
    try write { db in
      try db.execute(sql: """
        UPDATE outbox SET state = 'discarded', updated_at = ?
        WHERE kind = 'read' AND recipient = ? AND state = 'queued'
        """, arguments: [now.timeIntervalSince1970, id.rawValue])
      return try Self.insertOutbox(db, kind: .read, patientID: patientID, sender: clinician.reference,
                                   recipient: id.rawValue, text: "", intent: .read(read), at: now)
    }
  }

  /// The staff member a message is addressed to, if it is addressed to one.
  public func staffRecipient(ofMessage id: MessageID) throws -> StaffID? {
    try read { db in
      try StaffID.fetchOne(db, sql: "SELECT recipient_id FROM message WHERE id = ? AND recipient_kind = 'staff'",
                           arguments: [id])
    }
  }

  /// A read the server would not take (not the recipient's, or the message is gone): dropped with its reason.
  public func dropRead(_ entryID: Int64, because why: String, at now: Date) throws {
    try write { db in
      try db.execute(sql: "UPDATE outbox SET state = 'discarded', last_error = ?, updated_at = ? WHERE id = ?",
                     arguments: [why, now.timeIntervalSince1970, entryID])
    }
  }
}

extension Store {
  /// Read state as the server now has it, from the companion's changes feed: a read made in Canvas (or in a
  /// colleague's clinbox) shows here as "read in Canvas", an unread made there clears it. Only cached messages
  /// change, and only where the instant differs: the feed writes `…Z` where FHIR wrote `…+00:00`, and rewriting
  /// every read row for the form alone (each through the views' triggers) cost a first sync eight seconds at
  /// 15,000. How many changed.
  @discardableResult
  public func applyServerReads(_ reads: [(MessageID, String?)]) throws -> Int {
    guard !reads.isEmpty else { return 0 }
    return try write { db in
      let marks = reads.map { _ in "?" }.joined(separator: ",")
      var kept: [String: String?] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT id, received FROM message WHERE id IN (\(marks))",
                                  arguments: StatementArguments(reads.map(\.0.rawValue))) {
        kept[row["id"]] = row["received"] as String?
      }
      var changed = 0
      for (id, read) in reads {
        guard let before = kept[id.rawValue], !Self.sameInstant(before, read) else { continue }
        try db.execute(sql: "UPDATE message SET received = ? WHERE id = ?", arguments: [read, id])
        changed += 1
      }
      return changed
    }
  }

  /// Whether two server times (either may be unset) are the same instant, whatever their form.
  static func sameInstant(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let a?, let b?): return a == b || (ServerTime.date(a).map { $0 == ServerTime.date(b) } ?? false)
    default: return false
    }
  }
}
