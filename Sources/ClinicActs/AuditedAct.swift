import Audit
import Clinic
import FHIRMapping
import Foundation

/// A clinical act as the audit trail records it: ids only, never a name or a word of a message. One case an act,
/// so that what the trail says of each is written in one place.
public enum AuditedAct: Equatable, Sendable {
  case sent(patient: PatientID)
  case recordedMessage(patient: PatientID, for: StaffID)
  case routed(message: String, patient: PatientID, to: StaffID)
  case routeCancelled(message: String, patient: PatientID?)
  case done(message: String, patient: PatientID?, done: Bool)
  case recordedCheckIn(patient: PatientID, form: String)

  /// The trail's words for it: the action, the patient, and the ids beside them.
  public var said: (action: String, patient: PatientID?, detail: [String: String]) {
    switch self {
    case .sent(let patient): return ("sent", patient, [:])
    case .recordedMessage(let patient, let colleague):
      return ("recorded-message", patient, ["for": colleague.reference])
    case .routed(let message, let patient, let owner):
      return ("routed", patient, ["message": message, "to": owner.reference])
    case .routeCancelled(let message, let patient): return ("route-cancelled", patient, ["message": message])
    case .done(let message, let patient, let done): return (done ? "done" : "undone", patient, ["message": message])
    case .recordedCheckIn(let patient, let form): return ("recorded-check-in", patient, ["form": form])
    }
  }

  /// The event the trail keeps: the act, by whom, under which profile, when.
  public func event(by clinician: StaffID, profile: String, at now: Date) -> AuditEvent {
    let (action, patient, detail) = said
    return AuditEvent(at: now, profile: profile, practitioner: clinician.reference, action: action,
                      patient: patient?.rawValue, detail: detail)
  }
}
