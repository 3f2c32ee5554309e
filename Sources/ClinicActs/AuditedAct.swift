import Audit
import Clinic
import FHIRMapping
import Foundation

/// What the audit trail records of what a clinician did — the clinical acts, and opening, reading, locking,
/// covering and searching: ids and counts only, never a name or a word of a message. One case a kind, so that
/// what the trail says of each is written in one place.
public enum AuditedAct: Equatable, Sendable {
  case opened(patient: PatientID)
  case markedRead(message: MessageID, patient: PatientID?, unread: Bool)
  case locked(Bool)
  case covering(StaffID, Bool)
  case searched(length: Int)
  case sent(patient: PatientID)
  case recordedMessage(patient: PatientID, for: StaffID)
  case routed(message: MessageID, patient: PatientID, to: StaffID)
  case routeCancelled(message: MessageID, patient: PatientID?)
  case done(message: MessageID, patient: PatientID?, done: Bool)
  case recordedCheckIn(patient: PatientID, form: String)

  /// The trail's words for it: the action, the patient, and the ids beside them.
  public var said: (action: String, patient: PatientID?, detail: [String: String]) {
    switch self {
    case .opened(let patient): return ("opened", patient, [:])
    case .markedRead(let message, let patient, let unread):
      return (unread ? "unread" : "read", patient, ["message": message.rawValue])
    case .locked(let locked): return (locked ? "locked" : "unlocked", nil, [:])
    case .covering(let colleague, let on):
      return (on ? "covering" : "stopped-covering", nil, ["colleague": colleague.reference])
    case .searched(let length): return ("searched", nil, ["length": String(length)])
    case .sent(let patient): return ("sent", patient, [:])
    case .recordedMessage(let patient, let colleague):
      return ("recorded-message", patient, ["for": colleague.reference])
    case .routed(let message, let patient, let owner):
      return ("routed", patient, ["message": message.rawValue, "to": owner.reference])
    case .routeCancelled(let message, let patient): return ("route-cancelled", patient, ["message": message.rawValue])
    case .done(let message, let patient, let done):
      return (done ? "done" : "undone", patient, ["message": message.rawValue])
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
