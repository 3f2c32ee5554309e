import Foundation
import Testing
import FHIR
import FHIRMapping
@testable import Store

/// Check-ins in the cache: both forms of `questionnaire` Canvas uses are read, and a check-in recorded here names
/// its form the way the server's own responses do.
@Suite struct CheckInStoreTests {
  func response(_ id: String, questionnaire: String) -> QuestionnaireResponse {
    QuestionnaireResponse(id: id, questionnaire: questionnaire, subject: Reference(reference: "Patient/p1", type: "Patient"),
                          authored: "2026-11-30T10:00:00Z", author: nil,
                          item: [.init(linkId: "a", answer: [.init(valueCoding: Coding(system: "s", code: "1", display: "One"))])])
  }

  @Test func anAbsoluteQuestionnaireURLIsTheSameFormAndIsWrittenBackAbsolute() throws {
    let cache = try TempCache()
    let server = URL(string: "https://fumage-example.canvasmedical.com")!
    #expect(try cache.store.questionnaireReference(formID: "q1", server: server) == "Questionnaire/q1",
            "nothing cached: the relative form")
    let absolute = response("r1", questionnaire: "https://fumage-example.canvasmedical.com/Questionnaire/q1")
    let synced = try #require(SyncedCheckIn(absolute, raw: try JSONValue.from(absolute)))
    #expect(synced.checkIn.formID == "q1")
    try cache.store.transaction { try $0.upsert(synced) }
    #expect(try cache.store.checkIns(patientID: "p1").map(\.formID) == ["q1"])
    #expect(try cache.store.questionnaireReference(formID: "q2", server: server)
              == "https://fumage-example.canvasmedical.com/Questionnaire/q2", "the form the server's responses use")
  }

  @Test func aFailedLocalCheckInLeavesThePanelAndDoesNotMoveTheSyncMark() throws {
    let cache = try TempCache()
    let raw = try JSONValue(json: """
      {"resourceType": "Questionnaire", "id": "q1", "name": "Mood", "status": "active", "item": [
        {"linkId": "a", "text": "How?", "type": "choice",
         "answerOption": [{"valueCoding": {"system": "s", "code": "1", "display": "One"}}]}]}
      """)
    let form = try #require(SyncedForm(try raw.decode(Questionnaire.self), raw: raw)).form
    let answered = CheckIn(id: "", patientID: "p1", formID: "q1", authored: Date(),
                           answers: ["a": [.choice(CheckInForm.Choice(system: "s", code: "1", display: "One"))]])
    let entry = try cache.store.queueCheckIn(answered, form: form, author: "doc")
    let kept = try #require(entry.intent.flatMap { if case .checkIn(let c) = $0 { c } else { nil } })
    #expect(entry.recipient == "Questionnaire/q1" && kept.questionnaire == "Questionnaire/q1",
            "no server known: the form by its relative reference")
    #expect(kept.answered.map(\.answers) == [[.choice(CheckInForm.Choice(system: "s", code: "1", display: "One"))]],
            "the answer kept as given")
    #expect(try cache.store.checkIns(patientID: "p1").count == 1, "shown at once")
    #expect(try cache.store.newestCheckIn(patientID: "p1") == nil, "a local row is not where a sync starts from")
    try cache.store.markFailed(entry.id, error: "422", at: Date())
    #expect(try cache.store.checkIns(patientID: "p1").isEmpty, "refused: no longer shown as recorded")
  }

  @Test func enableWhenIsReadAsCanvasDocumentsIt() throws {
    let json = """
      {"resourceType": "Questionnaire", "id": "q", "name": "Side effects", "status": "active", "item": [
        {"linkId": "any", "text": "Any?", "type": "choice", "repeats": false,
         "answerOption": [{"valueCoding": {"system": "s", "code": "Y", "display": "Yes"}}]},
        {"linkId": "which", "text": "Which?", "type": "text", "enableBehavior": "any", "enableWhen": [
          {"question": "any", "operator": "=", "answerCoding": {"system": "s", "code": "Y"}},
          {"question": "any", "operator": "not_exists", "answerBoolean": true}]}]}
      """
    let raw = try JSONValue(json: json)
    let form = try #require(SyncedForm(try raw.decode(Questionnaire.self), raw: raw)).form
    #expect(form.questions[1].enableWhen == [.init(question: "any", test: .equals("Y")),
                                             .init(question: "any", test: .notExists)])
    #expect(form.questions[1].enableWhenAny)
  }
}
