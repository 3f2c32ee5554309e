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

/// A check-in the server refuses (a 422 naming the answer) is kept with the server's words, to correct.
@Suite struct RefusedCheckInTests {
  @Test func theServersReasonIsKeptAndTheCheckInLeavesThePanel() async throws {
    let sandbox = try await RunningSandbox.start()
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me).run()
    let form = try #require(try store.checkInForms().first { $0.name == "Mood check-in" })
    let patient = try #require(try store.cachedPatientIDs().first)
    // An answer the form's options no longer hold (as after the form changed in Canvas): past local checks.
    let item = QuestionnaireResponse.Item(linkId: form.questions[0].linkId, answer: [
      .init(valueCoding: Coding(system: "http://loinc.org", code: "LA-gone", display: "Gone"))])
    let r = QuestionnaireResponse(questionnaire: "Questionnaire/\(form.id)", subject: Reference(reference: "Patient/\(patient)"),
                                  authored: Instant.format(Date()), author: Reference(reference: "Practitioner/\(sandbox.me)"),
                                  item: [item])
    let entry = try store.queueCheckIn(r, patientID: patient, formID: form.id, author: "Practitioner/\(sandbox.me)", at: Date())
    try await knowCapabilities(sandbox.client)
    let result = try await OutboxPusher(client: sandbox.client, store: store).push()
    #expect(result.failed[entry.id]?.contains("invalid response option code: LA-gone") == true, "\(result)")
    let refused = try store.refusedCheckIns(patientID: patient)
    #expect(refused.map(\.outboxID) == [entry.id])
    #expect(refused.first?.reason.contains("LA-gone") == true)
    #expect(!(try store.checkIns(patientID: patient)).contains { $0.id == entry.localMessageID }, "not shown as recorded")
    await sandbox.stop()
  }
}
