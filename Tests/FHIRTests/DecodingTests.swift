import Foundation
import Testing
@testable import FHIR

/// Canvas-shaped JSON, from the reference's documented examples (reference §4.6, §5, §6, §3.4).
@Suite struct DecodingTests {
  static let searchBundle = """
  {"resourceType": "Bundle", "type": "searchset", "total": 1,
   "link": [
     {"relation": "self",  "url": "/Communication?recipient=Practitioner%2F3640cd20de8a470aa570a852859ac87e&_count=100&_offset=0"},
     {"relation": "first", "url": "/Communication?recipient=Practitioner%2F3640cd20de8a470aa570a852859ac87e&_count=100&_offset=0"},
     {"relation": "last",  "url": "/Communication?recipient=Practitioner%2F3640cd20de8a470aa570a852859ac87e&_count=100&_offset=0"}],
   "entry": [{"resource": {
      "resourceType": "Communication", "id": "17b7d61e-4b0e-4940-bd37-b64f5c2ae29d", "status": "completed",
      "subject": {"reference": "Patient/43f1418bae9c41919203e0006761067c", "type": "Patient"},
      "sent": "2023-10-23T21:19:22.865089+00:00",
      "recipient": [{"reference": "Practitioner/3640cd20de8a470aa570a852859ac87e", "type": "Practitioner"}],
      "sender": {"reference": "Patient/43f1418bae9c41919203e0006761067c", "type": "Patient"},
      "payload": [{"contentString": "What's up doc?"}],
      "someFutureField": {"nested": [1, 2, 3]}}}]}
  """

  @Test func communicationSearchBundle() throws {
    let bundle = try FHIRJSON.decoder.decode(SearchBundle.self, from: Data(Self.searchBundle.utf8))
    #expect(bundle.total == 1)
    #expect(bundle.next == nil, "a single page has no next link")
    let messages = try bundle.resources(Communication.self, named: "Communication")
    #expect(messages.count == 1)
    let (c, raw) = messages[0]
    #expect(c.id == "17b7d61e-4b0e-4940-bd37-b64f5c2ae29d")
    #expect(c.text == "What's up doc?")
    #expect(c.patient?.id == "43f1418bae9c41919203e0006761067c")
    #expect(c.sender?.resourceType == "Patient")
    #expect(c.recipient?.first?.relative == "Practitioner/3640cd20de8a470aa570a852859ac87e")
    #expect(c.received == nil)
    #expect(Instant.parse(c.sent!) != nil)
    // The raw resource keeps what clinbox does not model.
    #expect(raw["someFutureField"] != nil)
  }

  @Test func patientWithoutSubjectFindsThePatientParty() throws {
    let json = """
      {"resourceType": "Communication", "id": "x", "status": "unknown",
       "recipient": [{"reference": "Patient/b3084f7e884e4af2b7e23b1dca494abd"}],
       "sender": {"reference": "Practitioner/5eede137ecfe4124b8b773040e33be14"},
       "payload": [{"contentString": "Upcoming appointment"}]}
      """
    let c = try FHIRJSON.decoder.decode(Communication.self, from: Data(json.utf8))
    #expect(c.patient?.id == "b3084f7e884e4af2b7e23b1dca494abd")
  }

  @Test func practitionerRolesAndEmail() throws {
    let json = """
      {"resourceType": "Practitioner", "id": "55096fbcdfb240fd8c999c325304de03",
       "extension": [
         {"url": "http://schemas.canvasmedical.com/fhir/extensions/roles",
          "extension": [{"url": "code", "valueCoding": {"system": "http://schemas.canvasmedical.com/fhir/roles", "code": "RN"}}]},
         {"url": "http://schemas.canvasmedical.com/fhir/extensions/practitioner-primary-practice-location",
          "valueReference": {"reference": "Location/95b9ac2d-e963-4d7a-b165-7901870f1663", "type": "Location", "display": "Canvas Clinic San Francisco"}}],
       "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1920301155"}],
       "active": true,
       "name": [{"use": "usual", "text": "Samantha Jones", "family": "Jones", "given": ["Samantha"]}],
       "telecom": [{"id": "2d9490aa", "system": "email", "value": "samantha.jones@example.com", "use": "work", "rank": 1}],
       "qualification": [{"code": {"text": "License"}, "period": {"start": "2020-01-01", "end": "2024-05-05"}}]}
      """
    let p = try FHIRJSON.decoder.decode(Practitioner.self, from: Data(json.utf8))
    #expect(p.displayName == "Samantha Jones")
    #expect(p.email == "samantha.jones@example.com")
    #expect(p.roles == ["RN"])
  }

  @Test func patientNamesAndNickname() throws {
    let json = """
      {"resourceType": "Patient", "id": "7162fd82487e4dc8aa2581ddbca91892",
       "identifier": [{"use": "usual", "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]},
                       "system": "http://canvasmedical.com", "value": "963277285", "assigner": {"display": "Canvas Medical"}}],
       "active": true,
       "name": [{"use": "nickname", "given": ["Sammy"]}, {"use": "official", "family": "Jones", "given": ["Samantha", "Ann"]}],
       "gender": "female", "birthDate": "1980-11-13"}
      """
    let p = try FHIRJSON.decoder.decode(Patient.self, from: Data(json.utf8))
    #expect(p.officialName?.family == "Jones")
    #expect(p.nickname == "Sammy")
    #expect(p.birthDate == "1980-11-13")
  }

  @Test func operationOutcomeSummary() throws {
    let json = #"{"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "not-found", "details": {"text": "Unknown Communication resource 'abc'"}}]}"#
    let o = try FHIRJSON.decoder.decode(OperationOutcome.self, from: Data(json.utf8))
    #expect(o.summary == "Unknown Communication resource 'abc'")
  }

  @Test func capabilityStatementSearchParameters() throws {
    let json = """
      {"resourceType": "CapabilityStatement", "fhirVersion": "4.0.1", "format": ["json"],
       "rest": [{"mode": "server", "resource": [{"type": "Communication",
         "interaction": [{"code": "read"}, {"code": "create"}, {"code": "search-type"}],
         "searchParam": [{"name": "_id", "type": "token"}, {"name": "patient", "type": "reference"}]}]}]}
      """
    let c = try FHIRJSON.decoder.decode(CapabilityStatement.self, from: Data(json.utf8))
    #expect(c.supports(search: "patient", on: "Communication"))
    #expect(!c.supports(search: "_lastUpdated", on: "Communication"))
    #expect(c.supports(interaction: "create", on: "Communication"))
    #expect(!c.supports(interaction: "update", on: "Communication"))
  }

  @Test func questionnaireResponseAcceptsBothQuestionnaireForms() throws {
    let absolute = QuestionnaireResponse(questionnaire: "https://fumage-example.canvasmedical.com/Questionnaire/7eefd6fc-0000-44c2-8224-d95f0ceaa2fd",
                                         subject: nil, authored: nil, author: nil, item: nil)
    let relative = QuestionnaireResponse(questionnaire: "Questionnaire/7eefd6fc-0000-44c2-8224-d95f0ceaa2fd",
                                         subject: nil, authored: nil, author: nil, item: nil)
    #expect(absolute.questionnaireID == "7eefd6fc-0000-44c2-8224-d95f0ceaa2fd")
    #expect(relative.questionnaireID == absolute.questionnaireID)
  }

  @Test func encodingACreateSendsNoSubjectOrId() throws {
    let c = Communication(status: "unknown", sent: "2022-04-29T13:30:00.000Z",
                          recipient: [Reference(reference: "Patient/b3084f7e884e4af2b7e23b1dca494abd")],
                          sender: Reference(reference: "Practitioner/5eede137ecfe4124b8b773040e33be14"), text: "Upcoming appointment")
    let json = String(decoding: try FHIRJSON.encoder.encode(c), as: UTF8.self)
    #expect(!json.contains("subject"))
    #expect(!json.contains("\"id\""))
    #expect(json.contains(#""contentString":"Upcoming appointment""#))
  }
}
