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
  /// change; the rest come with their next sync. How many changed.
  @discardableResult
  public func applyServerReads(_ reads: [(MessageID, String?)]) throws -> Int {
    try write { db in
      var changed = 0
      for (id, read) in reads {
        try db.execute(sql: "UPDATE message SET received = ? WHERE id = ? AND received IS NOT ?",
                       arguments: [read, id, read])
        changed += db.changesCount
      }
      return changed
    }
  }
}
