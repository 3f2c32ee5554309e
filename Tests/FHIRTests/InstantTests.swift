import Foundation
import Testing
@testable import FHIR

@Suite struct InstantTests {
  @Test(arguments: [
    ("2021-03-21T10:46:17+00:00", 1_616_323_577.0),
    ("2022-03-14T12:03:58.958000+00:00", 1_647_259_438.958),
    ("2022-04-29T13:30:00.000Z", 1_651_239_000.0),
    ("2022-04-29T13:30:00Z", 1_651_239_000.0),
    ("2022-04-29T15:30:00.5+02:00", 1_651_239_000.5),
    ("2022-04-29T08:30:00-05:00", 1_651_239_000.0),
    ("2023-10-23T21:19:22.865089+00:00", 1_698_095_962.865089),
    ("1980-11-13", 342_921_600.0),
  ])
  func parsesCanvasForms(text: String, seconds: Double) throws {
    let d = try #require(Instant.parse(text), "\(text) should parse")
    #expect(abs(d.timeIntervalSince1970 - seconds) < 0.000_01, "\(text)")
  }

  @Test(arguments: ["", "yesterday", "2022-13-01T00:00:00Z", "2022-04-29T13:30:00.Z", "2022-04-29T13:30:00+0", "2022-04-29T13:30:00 junk"])
  func rejectsGarbage(text: String) {
    #expect(Instant.parse(text) == nil)
  }

  @Test func formatsRoundTrip() {
    let d = Date(timeIntervalSince1970: 1_651_239_000.123)
    #expect(Instant.format(d) == "2022-04-29T13:30:00.123Z")
    #expect(Instant.formatMicroseconds(d) == "2022-04-29T13:30:00.123000+00:00")
    #expect(Instant.parse(Instant.formatMicroseconds(d)).map { abs($0.timeIntervalSince(d)) < 0.000_01 } == true)
  }
}

@Suite struct LocationTests {
  @Test func absoluteWithHistory() {
    #expect(CreatedLocation.id(from: "https://fumage-example.canvasmedical.com/Communication/7433b4b2-0d18-45ca-bb12-71105c80386b/_history/1",
                               type: "Communication") == "7433b4b2-0d18-45ca-bb12-71105c80386b")
  }

  @Test func relative() {
    #expect(CreatedLocation.id(from: "/Communication/7433b4b2", type: "Communication") == "7433b4b2")
    #expect(CreatedLocation.id(from: "http://h:8090/fhir/QuestionnaireResponse/abc", type: "QuestionnaireResponse") == "abc")
  }

  @Test func wrongTypeOrShapeIsNil() {
    #expect(CreatedLocation.id(from: "/Patient/123", type: "Communication") == nil)
    #expect(CreatedLocation.id(from: "/Communication/", type: "Communication") == nil)
    #expect(CreatedLocation.id(from: "/Communication/1/extra/thing/more", type: "Communication") == nil)
  }

  @Test func tokenURLDropsFumage() {
    #expect(Credentials.defaultTokenURL(for: URL(string: "https://fumage-example.canvasmedical.com")!).absoluteString
            == "https://example.canvasmedical.com/auth/token/")
    #expect(Credentials.defaultTokenURL(for: URL(string: "http://127.0.0.1:8090")!).absoluteString == "http://127.0.0.1:8090/auth/token/")
  }

  @Test func nextLinksResolveUnderTheServerPath() throws {
    let client = FHIRClient(server: URL(string: "http://h:8090/fhir/")!, credentials: .none)
    #expect(try client.resolve("/Communication?_count=10&_offset=10").absoluteString == "http://h:8090/fhir/Communication?_count=10&_offset=10")
    #expect(try client.resolve("/fhir/Communication?_offset=10").absoluteString == "http://h:8090/fhir/Communication?_offset=10")
    #expect(try client.resolve("https://other/Communication?x=1").absoluteString == "https://other/Communication?x=1")
  }
}
