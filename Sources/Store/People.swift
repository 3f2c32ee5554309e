import Foundation
import GRDB
import FHIRMapping

extension Store {
  /// Stores a patient, replacing the cached copy.
  static func upsert(_ patient: SyncedPatient, in db: Database, at now: Date) throws {
    let p = patient.record
    try db.cachedStatement(sql: """
      INSERT INTO patient (id, given, family, nickname, birth_date, gender, mrn, raw, synced_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET given = excluded.given, family = excluded.family, nickname = excluded.nickname,
        birth_date = excluded.birth_date, gender = excluded.gender, mrn = excluded.mrn, raw = excluded.raw,
        synced_at = excluded.synced_at
      """).execute(arguments: [p.id, p.givenName, p.familyName, p.preferredName, p.birthDate, p.gender, p.mrn,
                       patient.raw, now.timeIntervalSince1970])
  }

  /// Stores a staff member, replacing the cached copy.
  static func upsert(_ staff: SyncedStaff, in db: Database, at now: Date) throws {
    let s = staff.member
    try db.cachedStatement(sql: """
      INSERT INTO practitioner (id, name, email, roles, active, raw, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email, roles = excluded.roles,
        active = excluded.active, raw = excluded.raw, synced_at = excluded.synced_at
      """).execute(arguments: [s.id, s.name, s.email, s.roles.joined(separator: ","), s.active, staff.raw,
                       now.timeIntervalSince1970])
  }

  public func patient(id: PatientID) throws -> PatientRecord? {
    try read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM patient WHERE id = ?", arguments: [id]).map { row in
        var record = Self.patientRecord(row)
        record.contacts = PatientContact.all(raw: row["raw"])   // the banner's: one patient, read whole
        return record
      }
    }
  }

  public func staffMember(id: StaffID) throws -> StaffMember? {
    try read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM practitioner WHERE id = ?", arguments: [id]).map(Self.staffMember)
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

  static func patientRecord(_ r: Row) -> PatientRecord {
    PatientRecord(id: r["id"], givenName: r["given"], familyName: r["family"], preferredName: r["nickname"],
                  birthDate: r["birth_date"], gender: r["gender"], mrn: r["mrn"],
                  active: SyncedPatient.isActive(raw: r["raw"] as String? ?? "{}"))
  }

  static func staffMember(_ r: Row) -> StaffMember {
    let roles: String = r["roles"]
    return StaffMember(id: r["id"], name: r["name"], email: r["email"],
                       roles: roles.split(separator: ",").map(String.init), active: r["active"])
  }
}
