import Foundation
import FHIR

/// The companion plugin's HTTP API (`shared/reference/companion-api.md`) as the plugin serves it inside Canvas:
/// under `/plugin-io/api/clinbox_companion`, the clinic's key alone in `Authorization`, JSON errors.
extension SandboxServer {
  static let companionBase = ["plugin-io", "api", "clinbox_companion"]
  /// The plugin's version the sandbox answers as (`canvas-plugin/clinbox_companion/CANVAS_MANIFEST.json`).
  static let companionVersion = "0.1.0"

  func companion(_ request: HTTPRequest, _ path: [String]) async -> HTTPResponse {
    // Canvas answers a plugin it does not have as any unknown path.
    guard let key = options.companionKey else { return Reply.outcome(404, "not-found", "Not found") }
    let given = request.headers[HTTPHeader("Authorization")] ?? ""
    guard Self.sameKey(given, key) else { return Self.companionError(401, "unauthorized", "the key was refused") }
    switch (request.method, path) {
    case (.GET, ["v1", "info"]):
      return Reply.raw(JSONValue.object(["plugin": .string("clinbox_companion"),
                                         "version": .string(Self.companionVersion), "api": .number(1),
                                         "delivery": .bool(options.companionDelivers)]).jsonText)
    case (.GET, ["v1", "changes"]):
      let delay = news.feedDelay
      if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
      if news.takeGarbledFeed() { return Reply.raw(#"{"rows": "not the contract"}"#) }
      return companionChanges(SearchParams(request))
    case (.PUT, let p) where p.count == 4 && p[0] == "v1" && p[1] == "messages" && p[3] == "read":
      return companionRead(p[2], request.body)
    default:
      return Self.companionError(404, "not-found", "no such path in the companion's API")
    }
  }

  static func companionError(_ status: Int, _ code: String, _ words: String) -> HTTPResponse {
    Reply.raw(JSONValue.object(["error": .string(code), "message": .string(words)]).jsonText, status: status)
  }

  /// Compared in constant time, as the plugin compares it.
  static func sameKey(_ given: String, _ key: String) -> Bool {
    let a = Array(given.utf8), b = Array(key.utf8)
    guard a.count == b.count else { return false }
    return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
  }
}
