import Foundation

/// Where a request goes (a `next` link under the server's own path) and how an error is told in brief.
extension FHIRClient {
  func url(path: String) -> URL { URL(string: server.absoluteString + path)! }

  /// Resolves a `next` link: absolute URLs as they are; `/Type?…` under the server's own path.
  func resolve(_ link: String) throws -> URL {
    if link.hasPrefix("http://") || link.hasPrefix("https://") {
      guard let u = URL(string: link) else { throw FHIRError.malformed("bad next link") }
      return u
    }
    let basePath = URLComponents(url: server, resolvingAgainstBaseURL: false)?.path ?? ""
    var rel = link.hasPrefix("/") ? link : "/" + link
    if !basePath.isEmpty, basePath != "/", rel.hasPrefix(basePath + "/") { rel = String(rel.dropFirst(basePath.count)) }
    guard let u = URL(string: server.absoluteString + rel) else { throw FHIRError.malformed("bad next link") }
    return u
  }


  static func origin(_ url: URL) -> String {
    var c = URLComponents()
    c.scheme = url.scheme; c.host = url.host; c.port = url.port
    return c.string ?? url.absoluteString
  }

  static func brief(_ error: Error) -> String {
    if let f = error as? JSONParser.Failure { return "not valid JSON (\(f.reason) at byte \(f.offset))" }
    if let d = error as? DecodingError {
      switch d {
      case .dataCorrupted(let c): return "not valid JSON (\(c.debugDescription))"
      case .keyNotFound(let k, _): return "missing \(k.stringValue)"
      case .typeMismatch(_, let c), .valueNotFound(_, let c):
        return "unexpected value at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
      @unknown default: return "undecodable"
      }
    }
    return String(describing: error)
  }
}
