import Clinic
import Foundation
import Store

/// What a clinician does to the clinic's records, each act one way whoever asks — the inbox's keys and the
/// commands alike: sending, recording a patient's phone message, routing and taking a routing back, marking done,
/// recording a check-in. Each is stored (in the outbox where the server must hear of it) and then written to the
/// audit trail as one `AuditedAct`, by the clinician acting.
public struct ClinicActs: Sendable {
  public let store: Store
  /// The clinician acting: the sender, the recorder, the requester, the author.
  public let clinician: StaffID
  /// Takes each act's audit event once the act is stored (the trail, or the inbox's backlog in front of it).
  public let audit: @Sendable (AuditedAct) throws -> Void

  public init(store: Store, clinician: StaffID, audit: @escaping @Sendable (AuditedAct) throws -> Void) {
    self.store = store; self.clinician = clinician; self.audit = audit
  }

  /// A message to the patient, queued before any network call.
  @discardableResult
  public func send(_ text: String, to patient: PatientID, at now: Date) throws -> OutboxEntry {
    let entry = try store.queueMessage(patientID: patient, from: clinician, text: text, at: now)
    try audit(.sent(patient: patient))
    return entry
  }

  /// A patient's words taken by phone, for `colleague`, opened by who took them and when (`prefix`).
  @discardableResult
  public func record(_ text: String, from patient: PatientID, for colleague: StaffID, prefix: RecordPrefix,
                     at now: Date, timeZone: TimeZone) throws -> OutboxEntry {
    guard let recorder = try store.staffMember(id: clinician) else { throw ActRefused.unknownClinician(clinician) }
    let body = prefix.body(recorder: recorder.name, at: now, timeZone: timeZone, text: text)
    let entry = try store.queueRecordedMessage(patientID: patient, for: colleague, recordedBy: recorder.name,
                                               text: body, at: now)
    try audit(.recordedMessage(patient: patient, for: colleague))
    return entry
  }

  /// A message handed to a colleague, with what they are asked to do and by when.
  @discardableResult
  public func route(_ message: MessageID, of patient: PatientID, to colleague: StaffID, note: String, labels: [String],
                    due: Date?, at now: Date, timeZone: TimeZone) throws -> OutboxEntry {
    let entry = try store.queueRoute(messageID: message, patientID: patient, to: colleague, from: clinician,
                                     note: note, at: now, timeZone: timeZone, labels: labels, due: due)
    try audit(.routed(message: message, patient: patient, to: colleague))
    return entry
  }

  /// The open routing of a message taken back (cancelled on the server too); nothing when it has none.
  public func cancelRoute(_ message: MessageID, of patient: PatientID?, at now: Date) throws {
    if let task = try store.openTask(forMessage: message) {
      try store.queueTaskStatus(taskID: task, status: "cancelled", at: now)
    }
    try audit(.routeCancelled(message: message, patient: patient))
  }

  /// Marked done (its routing completed), or not done again (its routing reopened). True when the server must
  /// hear of it.
  @discardableResult
  public func setDone(_ message: MessageID, of patient: PatientID?, _ done: Bool, at now: Date) throws -> Bool {
    let toServer = try store.setDone(message, done, at: now)
    try audit(.done(message: message, patient: patient, done: done))
    return toServer
  }

  /// A check-in recorded for the patient, in the form's own words, queued for the server.
  @discardableResult
  public func recordCheckIn(_ checkIn: CheckIn, form: CheckInForm, server: URL? = nil) throws -> OutboxEntry {
    let entry = try store.queueCheckIn(checkIn, form: form, author: clinician, server: server)
    try audit(.recordedCheckIn(patient: checkIn.patientID, form: form.id))
    return entry
  }
}

/// An act that cannot be taken as asked.
public enum ActRefused: Error, CustomStringConvertible {
  case unknownClinician(StaffID)

  public var description: String {
    switch self {
    case .unknownClinician(let id): return "the acting practitioner \(id.rawValue) is not in the cache"
    }
  }
}
