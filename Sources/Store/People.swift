import Foundation
import GRDB
import FHIRMapping

extension Store {
  /// Stores a patient, replacing the cached copy.
  static func upsert(_ patient: SyncedPatient, in db: Database, at now: Date) throws {
    try PatientRow(patient, at: now).upsert(db)
  }

  /// Stores a staff member, replacing the cached copy.
  static func upsert(_ staff: SyncedStaff, in db: Database, at now: Date) throws {
    try StaffRow(staff, at: now).upsert(db)
  }

  public func patient(id: PatientID) throws -> PatientRecord? {
    try read { db in
      try PatientRow.fetchOne(db, key: id).map { row in
        var record = row.record
        record.contacts = PatientContact.all(raw: row.raw)   // the banner's: one patient, read whole
        return record
      }
    }
  }

  public func staffMember(id: StaffID) throws -> StaffMember? {
    try read { db in
      try StaffRow.fetchOne(db, key: id)?.member
    }
  }

  /// Every cached patient's contacts authorized for release of information, by patient (those with none left out).
  public func authorizedContacts() throws -> [PatientID: [PatientContact]] {
    try read { db in
      var out: [PatientID: [PatientContact]] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT id, raw FROM patient WHERE raw LIKE '%\"contact\"%'") {
        let authorized = PatientContact.all(raw: row["raw"]).filter(\.authorized)
        if !authorized.isEmpty { out[row["id"]] = authorized }
      }
      return out
    }
  }

  /// Which of `ids` are not cached as patients yet.
  static func missingPatients(_ ids: Set<String>, in db: Database) throws -> Set<String> {
    guard !ids.isEmpty else { return [] }
    return ids.subtracting(try known(ids, in: "patient", db))
  }

  /// Which of `ids` the cache's `table` of people holds.
  static func known(_ ids: Set<String>, in table: String, _ db: Database) throws -> Set<String> {
    let marks = ids.map { _ in "?" }.joined(separator: ",")
    return try String.fetchSet(db, sql: "SELECT id FROM \(table) WHERE id IN (\(marks))",
                               arguments: StatementArguments(Array(ids)))
  }

  /// Which of `ids` are not cached as practitioners yet.
  static func missingPractitioners(_ ids: Set<String>, in db: Database) throws -> Set<String> {
    guard !ids.isEmpty else { return [] }
    return ids.subtracting(try known(ids, in: "practitioner", db))
  }

}
