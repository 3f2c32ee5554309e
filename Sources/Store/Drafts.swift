import Foundation
import GRDB
import Clinic
import FHIRMapping

/// Drafts: what a clinician is writing, stored on every edit, so no crash, `kill -9` or lost ssh session
/// loses a word. A draft is a message row with `delivery = 'draft'`.
extension Store {
  /// Saves a draft (a new one when `id` is nil) and returns its id.
  @discardableResult
  public func saveDraft(id: String?, patientID: PatientID, from practitioner: StaffID, text: String,
                        cursor: Int, at now: Date) throws -> String {
    try write { db in
      var draftID = id
      if draftID == nil {
        try db.execute(sql: "INSERT INTO draft_seq (made_at) VALUES (?)", arguments: [now.timeIntervalSince1970])
        draftID = "draft-\(db.lastInsertedRowID)"
      }
      try db.execute(sql: """
        INSERT INTO message (id, patient_id, sender, recipient, sent, status, text, raw, synced_at, delivery, read_at,
                             draft_cursor)
        VALUES (?, ?, ?, ?, ?, 'preparation', ?, '{}', ?, 'draft', ?, ?)
        ON CONFLICT(id) DO UPDATE SET text = excluded.text, sent = excluded.sent, draft_cursor = excluded.draft_cursor
        """, arguments: [draftID!, patientID, practitioner.reference, patientID.reference, now.timeIntervalSince1970,
                         text, now.timeIntervalSince1970, now.timeIntervalSince1970, cursor])
      return draftID!
    }
  }

  public func deleteDraft(_ id: String) throws {
    try write { db in try db.execute(sql: "DELETE FROM message WHERE id = ? AND delivery = 'draft'", arguments: [id]) }
  }

  /// The newest draft to a patient: its id, text and where the cursor was.
  public func draft(forPatient patientID: PatientID) throws -> (id: String, text: String, cursor: Int)? {
    try read { db in
      try Row.fetchOne(db, sql: "SELECT id, text, draft_cursor FROM message WHERE patient_id = ? "
                       + "AND delivery = 'draft' ORDER BY sent DESC LIMIT 1",
                       arguments: [patientID]).map { ($0["id"], $0["text"], $0["draft_cursor"] ?? 0) }
    }
  }

  /// Patients whose names match, for choosing whom to write to.
  public func patients(matching text: String, limit: Int = 50) throws -> [PatientRecord] {
    try read { db in
      let like = "%\(text.replacingOccurrences(of: "%", with: ""))%"
      return try PatientRow.fetchAll(db, sql: """
        SELECT * FROM patient WHERE given || ' ' || family LIKE ? OR family || given LIKE ? OR nickname LIKE ?
        ORDER BY family, given LIMIT ?
        """, arguments: [like, like, like, limit]).map(\.record)
    }
  }
}
