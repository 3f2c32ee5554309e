import Foundation
import Clinic
import FHIR
import FHIRMapping
import Store

/// Check-ins: the forms (Questionnaire, read-only in Canvas) and the patients' responses to them
/// (QuestionnaireResponse, `patient=` and `authored=ge…`, reference §7), so a thread shows how the patient has
/// been doing, offline as everything else.
extension SyncEngine {
  /// Every cycle: the check-ins of the patients whose threads the clinician opened (`only` those, while the
  /// companion's feed answers: it names whose messages came). On the slow schedule (and
  /// while no form is cached): the forms, and the next `sweepBatch` cached patients' check-ins, until every one has
  /// been asked (`checkInSweepBatch`) — true when the sweep is through. Each patient's from their newest cached
  /// check-in on.
  @discardableResult
  func syncCheckIns(everyone: Bool, only: Set<PatientID>? = nil) async throws -> Bool {
    if try everyone || store.checkInForms().isEmpty {
      for try await bundle in client.pages("Questionnaire", [("_count", "100")]) {
        let forms = bundle.decodable(Questionnaire.self, named: "Questionnaire").resources
          .compactMap { SyncedForm($0.0, raw: $0.1) }
        try store.transaction(at: now()) { cache in for form in forms { try cache.upsert(form) } }
      }
    }
    for patient in try store.followedPatients() where only?.contains(patient) ?? true {
      try await syncCheckIns(of: patient)
    }
    guard everyone else { return false }
    let all = try store.cachedPatientIDs()
    let start = min(all.count, Int(try store.syncValue("checkins sweep") ?? "0") ?? 0)
    let batch = all[start..<min(all.count, start + checkInSweepBatch)]
    // A search each (Canvas takes one patient a search), a few at a time.
    _ = try await eachAtOnce(Array(batch)) { patient in try await self.syncCheckIns(of: patient) }
    let through = start + batch.count >= all.count
    try store.setSyncValue("checkins sweep", through ? "0" : String(start + batch.count))
    return through
  }

  /// One patient's check-ins newer than the newest cached (the same instant again: upserts make it harmless).
  public func syncCheckIns(of patient: PatientID) async throws {
    var params = [("patient", patient.reference), ("_count", "100")]
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
