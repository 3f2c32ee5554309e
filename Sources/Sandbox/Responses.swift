import Foundation
import FHIR

/// What the routes answer with: FHIR JSON, Canvas's OperationOutcome errors, searchset bundles with offset links.
enum Reply {
  static func json(_ status: Int, _ data: Data, headers: [String: String] = [:]) -> HTTPResponse {
    var h = HTTPHeaders()
    h[HTTPHeader("Content-Type")] = "application/fhir+json"
    for (k, v) in headers { h[HTTPHeader(k)] = v }
    return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: phrase(status)), headers: h, body: data)
  }

  static func resource<T: Encodable>(_ value: T, status: Int = 200) -> HTTPResponse {
    json(status, (try? FHIRJSON.encoder.encode(value)) ?? Data("null".utf8))
  }

  static func raw(_ jsonText: String, status: Int = 200) -> HTTPResponse { json(status, Data(jsonText.utf8)) }

  /// The documented Canvas error bodies (reference §3.4), with the `fumage-correlation-id` header Canvas sends.
  static func outcome(_ status: Int, _ code: String, _ text: String, headers: [String: String] = [:]) -> HTTPResponse {
    json(status, (try? FHIRJSON.encoder.encode(OperationOutcome(code: code, text: text))) ?? Data(),
         headers: headers.merging(["fumage-correlation-id": UUID().uuidString.lowercased()]) { a, _ in a })
  }

  static func badRequest(_ text: String = "Bad request") -> HTTPResponse { outcome(400, "invalid", text) }
  static func unauthorized() -> HTTPResponse { outcome(401, "unknown", "Authentication failed") }
  static func notFound(_ type: String, _ id: String) -> HTTPResponse {
    outcome(404, "not-found", "Unknown \(type) resource '\(id)'")
  }
  static func notSupported() -> HTTPResponse { outcome(405, "not-supported", "Operation is not supported") }
  /// Canvas documents 422 `business-rule` but not the texts for Communication; these wordings are ours.
  static func businessRule(_ text: String) -> HTTPResponse { outcome(422, "business-rule", text) }

  static func phrase(_ status: Int) -> String {
    switch status {
    case 200: return "OK"
    case 201: return "Created"
    case 400: return "Bad Request"
    case 401: return "Unauthorized"
    case 403: return "Forbidden"
    case 404: return "Not Found"
    case 405: return "Method Not Allowed"
    case 422: return "Unprocessable Entity"
    case 429: return "Too Many Requests"
    case 500: return "Internal Server Error"
    case 503: return "Service Unavailable"
    default: return "Status"
    }
  }
}

/// A search request's parameters, repeated ones kept (`authored=ge…&authored=le…`).
struct SearchParams {
  let items: [(String, String)]

  init(_ request: HTTPRequest) { items = request.query.map { ($0.name, $0.value) } }
  init(items: [(String, String)]) { self.items = items }

  subscript(_ name: String) -> String? { items.first(where: { $0.0 == name })?.1 }
  func all(_ name: String) -> [String] { items.filter { $0.0 == name }.map(\.1) }

  /// `_count`: default 10, at most 100 (reference §3.3).
  var count: Int { min(100, max(0, Int(self["_count"] ?? "") ?? 10)) }
  var offset: Int { max(0, Int(self["_offset"] ?? "") ?? 0) }

  /// A searchset bundle with Canvas's relative `self`/`first`/`next`/`last` links; none when empty.
  func bundle(type: String, total: Int, resources: [JSONValue]) -> SearchBundle {
    var links: [SearchBundle.Link] = []
    if total > 0 {
      let count = self.count
      func url(_ offset: Int) -> String {
        let kept = items.filter { $0.0 != "_count" && $0.0 != "_offset" }
          + [("_count", String(count)), ("_offset", String(offset))]
        return "/\(type)?" + kept.map { "\(FHIRQuery.escape($0.0))=\(FHIRQuery.escape($0.1))" }.joined(separator: "&")
      }
      links.append(.init(relation: "self", url: url(offset)))
      links.append(.init(relation: "first", url: url(0)))
      if count > 0, offset + count < total { links.append(.init(relation: "next", url: url(offset + count))) }
      let lastOffset = count > 0 ? max(0, (total - 1) / count * count) : 0
      links.append(.init(relation: "last", url: url(lastOffset)))
    }
    return SearchBundle(total: total, link: links, entry: resources.map { SearchBundle.Entry(resource: $0) })
  }
}

extension JSONValue {
  static func parse(_ text: String) -> JSONValue {
    (try? FHIRJSON.decoder.decode(JSONValue.self, from: Data(text.utf8))) ?? .null
  }
}

/// In the sandbox `JSONValue` means FHIR's (the tests' FlyingFox has one of its own).
typealias JSONValue = FHIR.JSONValue
