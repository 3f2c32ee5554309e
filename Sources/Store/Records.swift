import Clinic
import FHIRMapping
import Foundation
import GRDB

// The cache's rows of the outbox, the people, the routings, the check-ins and the deliveries as GRDB records:
// each table's columns named once, read into (and written from) the clinic's types. The message table keeps its
// hand-written statements: its upsert rewrites a row only when the server's copy changed, and its pages join five
// tables.

/// A message's row as the lists and threads read it (`Store.selectMessage`). A record, so that GRDB reads its
/// columns by the statement's own index of names: a copied row lowercases every name at every lookup, which was a
/// twentieth of the time to the first frame.
struct MessageRow: FetchableRecord {
  let message: Message
  init(row: Row) { message = Store.message(row) }
}

/// An outbox entry's row.
struct OutboxRow: FetchableRecord, TableRecord {
  static let databaseTableName = "outbox"
  enum Columns {
    static let id = Column("id"), kind = Column("kind"), patientID = Column("patient_id")
    static let sender = Column("sender"), recipient = Column("recipient"), text = Column("text")
    static let sent = Column("sent"), identifier = Column("identifier"), state = Column("state")
    static let mayExist = Column("may_exist"), attempts = Column("attempts"), lastError = Column("last_error")
    static let nextAttempt = Column("next_attempt"), serverID = Column("server_id"), intent = Column("intent")
  }
  let entry: OutboxEntry

  init(row: Row) {
    entry = OutboxEntry(id: row[Columns.id], patientID: row[Columns.patientID], sender: row[Columns.sender],
                        recipient: row[Columns.recipient], text: row[Columns.text], sent: row[Columns.sent],
                        identifier: row[Columns.identifier],
                        state: OutboxEntry.State(rawValue: row[Columns.state]) ?? .queued,
                        mayExist: row[Columns.mayExist], attempts: row[Columns.attempts],
                        lastError: row[Columns.lastError],
                        nextAttempt: Date(timeIntervalSince1970: row[Columns.nextAttempt]),
                        serverID: row[Columns.serverID], kind: OutboxKind(rawValue: row[Columns.kind]) ?? .message,
                        intent: (row[Columns.intent] as String?).flatMap(OutboxIntent.init(kept:)))
  }
}

/// A patient's row: the banner's fields, and the resource as the server sent it.
struct PatientRow: FetchableRecord, PersistableRecord {
  static let databaseTableName = "patient"
  enum Columns {
    static let id = Column("id"), given = Column("given"), family = Column("family"), nickname = Column("nickname")
    static let birthDate = Column("birth_date"), gender = Column("gender"), mrn = Column("mrn"), raw = Column("raw")
    static let syncedAt = Column("synced_at")
  }
  let record: PatientRecord
  let raw: String
  var syncedAt: Date = .distantPast

  init(_ patient: SyncedPatient, at now: Date) { record = patient.record; raw = patient.raw; syncedAt = now }

  init(row: Row) {
    raw = row[Columns.raw] ?? "{}"
    record = PatientRecord(id: row[Columns.id], givenName: row[Columns.given], familyName: row[Columns.family],
                           preferredName: row[Columns.nickname], birthDate: row[Columns.birthDate],
                           gender: row[Columns.gender], mrn: row[Columns.mrn],
                           active: SyncedPatient.isActive(raw: raw))
  }

  func encode(to container: inout PersistenceContainer) {
    container[Columns.id] = record.id; container[Columns.given] = record.givenName
    container[Columns.family] = record.familyName; container[Columns.nickname] = record.preferredName
    container[Columns.birthDate] = record.birthDate; container[Columns.gender] = record.gender
    container[Columns.mrn] = record.mrn; container[Columns.raw] = raw
    container[Columns.syncedAt] = syncedAt.timeIntervalSince1970
  }
}

/// A staff member's row (whether they can be scheduled is set apart, `setSchedulable`, and kept by an upsert).
struct StaffRow: FetchableRecord, PersistableRecord {
  static let databaseTableName = "practitioner"
  enum Columns {
    static let id = Column("id"), name = Column("name"), email = Column("email"), roles = Column("roles")
    static let active = Column("active"), raw = Column("raw"), syncedAt = Column("synced_at")
  }
  let member: StaffMember
  var raw = "{}"
  var syncedAt: Date = .distantPast

  init(_ staff: SyncedStaff, at now: Date) { member = staff.member; raw = staff.raw; syncedAt = now }

  init(row: Row) {
    let roles: String = row[Columns.roles]
    member = StaffMember(id: row[Columns.id], name: row[Columns.name], email: row[Columns.email],
                         roles: roles.split(separator: ",").map(String.init), active: row[Columns.active])
  }

  func encode(to container: inout PersistenceContainer) {
    container[Columns.id] = member.id; container[Columns.name] = member.name; container[Columns.email] = member.email
    container[Columns.roles] = member.roles.joined(separator: ","); container[Columns.active] = member.active
    container[Columns.raw] = raw; container[Columns.syncedAt] = syncedAt.timeIntervalSince1970
  }
}

/// A routing Task's row: who it hands the message to and who asked, as references the server wrote.
struct TaskRow: PersistableRecord {
  static let databaseTableName = "task"
  let task: SyncedTask
  let updatedAt: Date

  func encode(to container: inout PersistenceContainer) {
    container["id"] = task.id; container["message_id"] = task.messageID; container["patient_id"] = task.patientID
    container["owner"] = task.owner?.reference; container["requester"] = task.requester?.reference
    container["status"] = task.status; container["description"] = task.description; container["note"] = task.note
    container["raw"] = task.raw; container["updated_at"] = updatedAt.timeIntervalSince1970
  }
}

/// A check-in's row.
struct CheckInRow: PersistableRecord {
  static let databaseTableName = "checkin"
  let checkIn: SyncedCheckIn
  let syncedAt: Date

  func encode(to container: inout PersistenceContainer) {
    let c = checkIn.checkIn
    container["id"] = c.id; container["patient_id"] = c.patientID; container["form_id"] = c.formID
    container["authored"] = c.authored.timeIntervalSince1970; container["status"] = checkIn.status
    container["raw"] = checkIn.raw; container["synced_at"] = syncedAt.timeIntervalSince1970
  }
}

/// A delivery to the patient's app.
struct DeliveryRow: FetchableRecord, TableRecord {
  static let databaseTableName = "delivery"
  enum Columns {
    static let id = Column("id"), messageID = Column("message_id"), url = Column("url"), state = Column("state")
    static let attempts = Column("attempts"), lastError = Column("last_error"), nextAttempt = Column("next_attempt")
    static let createdAt = Column("created_at")
  }
  let delivery: Delivery

  init(row: Row) {
    delivery = Delivery(id: row[Columns.id], messageID: row[Columns.messageID], url: row[Columns.url],
                        state: row[Columns.state], attempts: row[Columns.attempts], lastError: row[Columns.lastError])
  }
}
