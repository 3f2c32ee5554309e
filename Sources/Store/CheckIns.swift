import Foundation
import GRDB
import Clinic
import FHIRMapping

/// Check-in forms and check-ins: kept as the server sent them, read back as the clinic's types.
extension Store {
  static func upsert(_ f: SyncedForm, in db: Database, at now: Date) throws {
    try db.execute(sql: """
      INSERT INTO checkin_form (id, name, raw, synced_at) VALUES (?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, raw = excluded.raw, synced_at = excluded.synced_at
      """, arguments: [f.form.id, f.form.name, f.raw, now.timeIntervalSince1970])
  }

  static func upsert(_ c: SyncedCheckIn, in db: Database, at now: Date) throws {
    try CheckInRow(checkIn: c, syncedAt: now).upsert(db)
  }

  /// Every cached check-in form, by name.
  public func checkInForms() throws -> [CheckInForm] {
    try read { db in
      try String.fetchAll(db, sql: "SELECT raw FROM checkin_form ORDER BY name, id").compactMap { raw in
        SyncedForm(kept: raw)?.form
      }
    }
  }

  /// A patient's check-ins, newest `limit`, oldest first (entered in error left out).
  public func checkIns(patientID: PatientID, limit: Int = 200) throws -> [CheckIn] {
    try read { db in
      let rows = try String.fetchAll(db, sql: """
        SELECT raw FROM checkin WHERE patient_id = ? AND status NOT IN ('entered-in-error', 'failed')
        ORDER BY authored DESC, id DESC LIMIT ?
        """, arguments: [patientID, limit])
      return rows.reversed().compactMap { SyncedCheckIn(kept: $0)?.checkIn }
    }
  }

  /// When the newest cached check-in of a patient was written: where a sync of theirs starts again.
  public func newestCheckIn(patientID: PatientID) throws -> Date? {
    try read { db in
      try Double.fetchOne(db, sql: "SELECT MAX(authored) FROM checkin WHERE patient_id = ? AND id NOT LIKE 'outbox-%'",
                          arguments: [patientID])
        .map(Date.init(timeIntervalSince1970:))
    }
  }

  /// The ids of every cached patient (check-ins are synced for them on the slow schedule).
  public func cachedPatientIDs(limit: Int = 2000) throws -> [PatientID] {
    try read { db in try PatientID.fetchAll(db, sql: "SELECT id FROM patient ORDER BY id LIMIT ?", arguments: [limit]) }
  }
}
