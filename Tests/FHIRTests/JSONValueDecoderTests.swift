import Foundation
import Testing
@testable import FHIR

/// A resource decoded from a parsed `JSONValue` is the one `JSONDecoder` makes from the text — and a value of the
/// wrong type is an error, not a guess.
@Suite struct JSONValueDecoderTests {
  static let questionnaire = """
    {"resourceType": "Questionnaire", "id": "q", "name": "Side effects", "status": "active", "item": [
      {"linkId": "any", "text": "Any?", "type": "choice", "repeats": false,
       "answerOption": [{"valueCoding": {"system": "s", "code": "Y", "display": "Yes"}}]},
      {"linkId": "which", "text": "Which?", "type": "text", "enableBehavior": "any", "enableWhen": [
        {"question": "any", "operator": "=", "answerCoding": {"system": "s", "code": "Y"}},
        {"question": "any", "operator": "exists", "answerBoolean": true}]}]}
    """
  static let response = """
    {"resourceType": "QuestionnaireResponse", "id": "r", "questionnaire": "Questionnaire/q", "status": "completed",
     "subject": {"reference": "Patient/p"}, "authored": "2026-11-30T10:00:00Z",
     "item": [{"linkId": "n", "answer": [{"valueDecimal": 7.5}, {"valueString": "ok"}]}]}
    """

  func both<T: Decodable & Equatable>(_ type: T.Type, _ text: String) throws -> (T, T) {
    let data = Data(text.utf8)
    let direct = try JSONDecoder().decode(T.self, from: data)
    let value = try JSONDecoder().decode(JSONValue.self, from: data)
    return (direct, try value.decode(T.self))
  }

  @Test func resourcesDecodeAlike() throws {
    let data = Data(DecodingTests.searchBundle.utf8)
    let b1 = try JSONDecoder().decode(SearchBundle.self, from: data)
    let b2 = try JSONDecoder().decode(JSONValue.self, from: data).decode(SearchBundle.self)
    #expect(b1.total == b2.total && b1.link == b2.link)
    let resource = try #require(b2.entry?.first?.resource)
    #expect(resource == b1.entry?.first?.resource)
    let future: JSONValue = .object(["nested": .array([.number(1), .number(2), .number(3)])])
    #expect(resource["someFutureField"] == future, "a field clinbox does not know is kept whole")
    #expect(try resource.decode(Communication.self) == JSONDecoder().decode(Communication.self, from: resource.jsonData()))
    let (q1, q2) = try both(Questionnaire.self, Self.questionnaire)
    #expect(q1 == q2 && q2.item?[1].enableWhen?.count == 2)
    let (r1, r2) = try both(QuestionnaireResponse.self, Self.response)
    #expect(r1 == r2 && r2.item?.first?.answer?.first?.valueDecimal == 7.5)
  }

  @Test func aValueOfTheWrongTypeIsAnError() throws {
    let wrong = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"resourceType": "Patient", "id": 12}"#.utf8))
    #expect(throws: DecodingError.self) { try wrong.decode(Patient.self) }
    let fraction = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"total": 1.5}"#.utf8))
    #expect(throws: DecodingError.self, "an integer field is not a fraction") { try fraction.decode(SearchBundle.self) }
  }
}

/// The parser gives what `JSONDecoder` gives for what servers send, and refuses what is not JSON.
@Suite struct JSONParserTests {
  func parsed(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

  @Test func itReadsWhatJSONDecoderReads() throws {
    for text in [DecodingTests.searchBundle, JSONValueDecoderTests.questionnaire, JSONValueDecoderTests.response,
                 #"{"a": [1, -2.5e3, 0, true, false, null, "x\"y\\z\/\n\t\u00e9\ud83d\ude00 李"], "b": {}}"#, "[]", " 12 "] {
      #expect(try parsed(text) == JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), "\(text.prefix(40))")
    }
    #expect(try parsed(#""\ud83d""#) == .string("\u{FFFD}"), "a lone surrogate half is a replacement character")
  }

  @Test func whatIsNotJSONIsRefused() {
    for text in ["", "{", "[1,]", #"{"a" 1}"#, "01", "1.", "tru", #""a"#, "\"\u{01}\"", "{} x", #"{"a": 1,}"#, "NaN",
                 String(repeating: "[", count: 600) + String(repeating: "]", count: 600)] {
      #expect(throws: JSONParser.Failure.self, "\(text.prefix(20))") { try parsed(text) }
    }
  }
}
