import Foundation
import FHIR
import FHIRMapping
import Store

/// Check-ins: the forms (Questionnaire, read-only in Canvas) and the patients' responses to them
/// (QuestionnaireResponse, `patient=` and `authored=ge…`, reference §7), so a thread shows how the patient has
/// been doing, offline as everything else.
extension SyncEngine {
  /// Every cycle: the check-ins of the patients whose threads the clinician opened. On the slow schedule (and
  /// while no form is cached): the forms, and every cached patient's check-ins. Each patient's from their newest
  /// cached check-in on.
  func syncCheckIns(everyone: Bool) async throws {
    if try everyone || store.checkInForms().isEmpty {
      for try await bundle in client.pages("Questionnaire", [("_count", "100")]) {
        let forms = bundle.decodable(Questionnaire.self, named: "Questionnaire").resources
          .compactMap { SyncedForm($0.0, raw: $0.1) }
        try store.transaction(at: now()) { cache in for form in forms { try cache.upsert(form) } }
      }
    }
    let patients = try everyone ? store.cachedPatientIDs() : store.followedPatients()
    for patient in patients { try await syncCheckIns(of: patient) }
  }

  /// One patient's check-ins newer than the newest cached (the same instant again: upserts make it harmless).
  public func syncCheckIns(of patient: String) async throws {
    var params = [("patient", "Patient/\(patient)"), ("_count", "100")]
    if let newest = try store.newestCheckIn(patientID: patient) {
      params.append(("authored", "ge" + Instant.format(newest)))
    }
    for try await bundle in client.pages("QuestionnaireResponse", params) {
      let checkIns = bundle.decodable(QuestionnaireResponse.self, named: "QuestionnaireResponse").resources
        .compactMap { SyncedCheckIn($0.0, raw: $0.1) }
      try store.transaction(at: now()) { cache in for checkIn in checkIns { try cache.upsert(checkIn) } }
    }
  }
}
