import Foundation
import Testing
import FHIR
import Sandbox
import Store
@testable import Sync

/// Check-ins come with a sync: the forms, and each cached patient's responses, offline afterwards.
@Suite struct CheckInSyncTests {
  @Test func theFormsAndEachPatientsCheckInsAreCachedAndScoredAsSeeded() async throws {
    let sandbox = try await RunningSandbox.start()
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me).run()
    let forms = try store.checkInForms()
    #expect(forms.map(\.name) == ["Anxiety and side effects", "Mood check-in"])
    #expect(forms.first { $0.name == "Mood check-in" }?.maxScore == 6, "PHQ-2: two questions scored 0–3")
    // Every response the server has for a cached patient is in the cache, with its answers.
    var compared = 0
    for patient in try store.cachedPatientIDs() {
      let server = try await sandbox.client.search("QuestionnaireResponse", [("patient", "Patient/\(patient)"),
                                                                            ("_count", "100")])
      let onServer = try server.resources(QuestionnaireResponse.self, named: "QuestionnaireResponse")
      let cached = try store.checkIns(patientID: patient)
      #expect(Set(cached.map(\.id)) == Set(onServer.compactMap(\.0.id)), "patient \(patient)")
      compared += cached.count
    }
    #expect(compared >= 40, "the seed gives ten patients eight check-ins each: \(compared)")
    // A second sync asks each patient only for what is newer, and changes nothing.
    _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me).run()
    #expect(try store.cachedPatientIDs().reduce(0) { $0 + (try store.checkIns(patientID: $1).count) } == compared)
    await sandbox.stop()
  }
}
