import Foundation
import GRDB
import FHIR

extension Store {
  /// Stores a patient from its resource, replacing the cached copy.
  public static func upsert(patient: FHIR.Patient, raw: JSONValue, in db: Database, at now: Date) throws {
    guard let id = patient.id else { return }
    let n = patient.officialName
    try db.cachedStatement(sql: """
      INSERT INTO patient (id, given, family, nickname, birth_date, gender, raw, synced_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET given = excluded.given, family = excluded.family, nickname = excluded.nickname,
        birth_date = excluded.birth_date, gender = excluded.gender, raw = excluded.raw, synced_at = excluded.synced_at
      """).execute(arguments: [id, (n?.given ?? []).joined(separator: " "), n?.family ?? n?.text ?? "", patient.nickname,
                       patient.birthDate, patient.gender, String(decoding: try raw.jsonData(), as: UTF8.self),
                       now.timeIntervalSince1970])
  }

  /// Stores a practitioner from its resource, replacing the cached copy.
  public static func upsert(practitioner: FHIR.Practitioner, raw: JSONValue, in db: Database, at now: Date) throws {
    guard let id = practitioner.id else { return }
    try db.cachedStatement(sql: """
      INSERT INTO practitioner (id, name, email, roles, active, raw, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email, roles = excluded.roles,
        active = excluded.active, raw = excluded.raw, synced_at = excluded.synced_at
      """).execute(arguments: [id, practitioner.displayName, practitioner.email, practitioner.roles.joined(separator: ","),
                       practitioner.active ?? true, String(decoding: try raw.jsonData(), as: UTF8.self),
                       now.timeIntervalSince1970])
  }

  public func patient(id: String) throws -> PatientRecord? {
    try read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM patient WHERE id = ?", arguments: [id]).map(Self.patientRecord)
    }
  }

  public func staffMember(id: String) throws -> StaffMember? {
    try read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM practitioner WHERE id = ?", arguments: [id]).map(Self.staffMember)
    }
  }

  /// Which of `ids` are not cached as patients yet.
  public static func missingPatients(_ ids: Set<String>, in db: Database) throws -> Set<String> {
    guard !ids.isEmpty else { return [] }
    let known = try String.fetchSet(db, sql: "SELECT id FROM patient WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                    arguments: StatementArguments(Array(ids)))
    return ids.subtracting(known)
  }

  /// Which of `ids` are not cached as practitioners yet.
  public static func missingPractitioners(_ ids: Set<String>, in db: Database) throws -> Set<String> {
    guard !ids.isEmpty else { return [] }
    let known = try String.fetchSet(db, sql: "SELECT id FROM practitioner WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                    arguments: StatementArguments(Array(ids)))
    return ids.subtracting(known)
  }

  static func patientRecord(_ r: Row) -> PatientRecord {
    PatientRecord(id: r["id"], givenName: r["given"], familyName: r["family"], preferredName: r["nickname"],
                  birthDate: r["birth_date"], gender: r["gender"])
  }

  static func staffMember(_ r: Row) -> StaffMember {
    let roles: String = r["roles"]
    return StaffMember(id: r["id"], name: r["name"], email: r["email"],
                       roles: roles.split(separator: ",").map(String.init), active: r["active"])
  }
}
