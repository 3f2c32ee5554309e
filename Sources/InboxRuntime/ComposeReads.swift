import Clinic
import Foundation
import InboxApp
import Store
import Templates

/// What the compose pane opens with: the patient's draft, the template values, the thread's last messages.
extension StoreEffects {
  /// The compose pane for a patient: their draft if any, the template values, the thread's last messages.
  func composeStarted(_ patientID: PatientID, returnTo: AppState.Screen, _ request: Request) throws -> Action {
    let patient = try store.patient(id: patientID)
    let draft = try store.draft(forPatient: patientID)
    return .composeStarted(patientID: patientID,
                           patientName: patient?.displayName
                             ?? PersonName.patient(given: nil, family: nil, id: patientID),
                           draftID: draft?.id, text: draft?.text ?? "", cursor: draft?.cursor ?? 0,
                           values: try templateValues(patient, request), returnTo: returnTo,
                           thread: try store.thread(patientID: patientID, limit: 20))
  }

  /// Placeholder values for a patient's templates: theirs, the acting clinician's, the practice's, dates.
  func templateValues(_ patient: PatientRecord?, _ request: Request) throws -> [String: String] {
    let me = try request.clinician.flatMap { try store.staffMember(id: $0) }
    var values = TemplateContext(patient: patient, clinician: me, practiceName: config.practiceName,
                                 practicePhone: config.practicePhone, today: request.at,
                                 timeZone: config.timeZone).values
    // Who else the message may reach (Canvas's authorized contacts): the compose pane names them.
    if let authorized = patient?.authorizedText { values[ComposeState.authorizedKey] = authorized }
    return values
  }
}
