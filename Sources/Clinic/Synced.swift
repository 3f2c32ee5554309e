import Foundation

/// A message as a sync brings it, mapped from the server's resource: what the cache stores (with the resource's
/// JSON, kept whole so that nothing the server sent is lost).
public struct SyncedMessage: Equatable, Sendable {
  public var id: MessageID
  public var patientID: PatientID
  public var from: Party
  /// Nil for a patient's message assigned to nobody (Canvas: no care-team lead): it is Unassigned.
  public var to: Party?
  public var sent: Date?
  /// When the server says a person read it (Canvas's `received`), as the server wrote it; nil when unread, and when
  /// `received` is only an app's stamp at creation (within seconds of `sent`).
  public var received: String?
  /// The server's status (`completed`, `preparation` for a draft in Canvas, `in-progress` when scheduled).
  public var status: String?
  /// The body as plain text (an HTML body converted).
  public var text: String
  public var raw: String

  public init(id: MessageID, patientID: PatientID, from: Party, to: Party?, sent: Date?, received: String? = nil,
              status: String? = "completed", text: String, raw: String = "{}") {
    self.id = id; self.patientID = patientID; self.from = from; self.to = to; self.sent = sent
    self.received = received; self.status = status; self.text = text; self.raw = raw
  }
}

/// A patient as a sync brings them.
public struct SyncedPatient: Equatable, Sendable {
  public var record: PatientRecord
  public var raw: String
  public init(_ record: PatientRecord, raw: String = "{}") { self.record = record; self.raw = raw }
}

/// A staff member as a sync brings them.
public struct SyncedStaff: Equatable, Sendable {
  public var member: StaffMember
  public var raw: String
  public init(_ member: StaffMember, raw: String = "{}") { self.member = member; self.raw = raw }
}

/// A routing Task as a sync brings it: the message it routes (by `focus` or its link note), to whom, by whom.
public struct SyncedTask: Equatable, Sendable {
  public var id: TaskID
  public var messageID: MessageID?
  public var patientID: PatientID?
  public var owner: Party?
  public var requester: Party?
  public var status: String
  public var description: String
  /// What the colleague is asked to do: the Task's comments but the one that links it to the message.
  public var note: String?
  public var raw: String

  public init(id: TaskID, messageID: MessageID?, patientID: PatientID?, owner: Party?, requester: Party?,
              status: String = "requested", description: String = "", note: String? = nil, raw: String = "{}") {
    self.id = id; self.messageID = messageID; self.patientID = patientID; self.owner = owner
    self.requester = requester; self.status = status; self.description = description; self.note = note
    self.raw = raw
  }
}
