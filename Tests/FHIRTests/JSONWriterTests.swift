import Foundation
import Testing
@testable import FHIR

/// The raw JSON the cache keeps must not change with how it is written: a resource written anew must compare equal
/// to the copy stored before, or every message of a full walk would be rewritten and re-indexed.
@Suite struct JSONWriterTests {
  static let values: [JSONValue] = [
    .null, .bool(true), .bool(false), .number(0), .number(-1), .number(1.5), .number(0.1), .number(1e20),
    .number(123_456_789_012), .number(-2.5e-7), .number(3.0), .number(9_007_199_254_740_993), .number(1e18), .number(-1e16), .number(1e19), .number(-0.0),
    .string(""), .string("plain"), .string("quote \" backslash \\ slash / tab \t newline \n return \r"),
    .string("bell \u{7} nul \u{0} escape \u{1B} unit \u{1F} del \u{7F}"), .string("é 中文 🩺 \u{2028} \u{202E}"),
    .array([]), .object([:]),
    .object(["b": .number(2), "a": .number(1), "B": .string("upper"), "_a": .null, "é": .bool(true), "a1": .array([
      .object(["z": .string("last"), "resourceType": .string("Communication")]), .number(7)])]),
  ]

  @Test(arguments: values)
  func writesWhatJSONEncoderWrites(value: JSONValue) throws {
    let encoded = try FHIRJSON.encoder.encode(value)
    #expect(String(decoding: JSONWriter.write(value), as: UTF8.self) == String(decoding: encoded, as: UTF8.self))
  }

  @Test func aResourceReadsBackAsItWas() throws {
    let c = Communication(id: "c1", status: "completed",
                          subject: Reference(reference: "Patient/p1", type: "Patient"), sent: "2026-11-02T10:00:00Z",
                          received: nil, recipient: [Reference(reference: "Practitioner/d1", type: "Practitioner")],
                          sender: Reference(reference: "Patient/p1", type: "Patient"),
                          text: "<p>Side effects: “nausea” &amp; a rash</p>\n")
    let value = try JSONValue.from(c)
    let written = JSONWriter.write(value)
    #expect(try JSONParser.parse(written) == value)
    #expect(written == Array(try FHIRJSON.encoder.encode(value)))
    #expect(try value.jsonData() == Data(written), "the raw JSON the cache keeps")
  }
}
