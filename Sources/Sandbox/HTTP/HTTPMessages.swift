import Foundation

/// The sandbox's HTTP in its own words: a request as the routes read it and a response as they write it. The
/// server under them is swift-nio's (`SandboxHTTPServer`).
struct HTTPMethod: Hashable, Sendable {
  let rawValue: String
  static let GET = HTTPMethod(rawValue: "GET"), POST = HTTPMethod(rawValue: "POST"), PUT = HTTPMethod(rawValue: "PUT")
}

/// A header's name, compared without case.
struct HTTPHeader: Hashable, Sendable {
  let name: String
  init(_ name: String) { self.name = name }
  static func == (a: HTTPHeader, b: HTTPHeader) -> Bool { a.name.lowercased() == b.name.lowercased() }
  func hash(into h: inout Hasher) { h.combine(name.lowercased()) }
}

struct HTTPHeaders: Sendable, Sequence {
  private var fields: [(HTTPHeader, String)] = []
  subscript(_ name: HTTPHeader) -> String? {
    get { fields.first { $0.0 == name }?.1 }
    set {
      fields.removeAll { $0.0 == name }
      if let newValue { fields.append((name, newValue)) }
    }
  }
  func makeIterator() -> IndexingIterator<[(HTTPHeader, String)]> { fields.makeIterator() }
}

struct HTTPStatusCode: Sendable, Equatable {
  let code: Int
  let phrase: String
  init(_ code: Int, phrase: String) { self.code = code; self.phrase = phrase }
  static let ok = HTTPStatusCode(200, phrase: "OK")
  static let notFound = HTTPStatusCode(404, phrase: "Not Found")
}

struct HTTPRequest: Sendable {
  struct QueryItem: Sendable { let name: String; let value: String }
  let method: HTTPMethod
  /// The path, percent-decoded, without the query.
  let path: String
  let query: [QueryItem]
  let headers: HTTPHeaders
  let body: Data

  init(method: String, uri: String, headers: HTTPHeaders, body: Data) {
    self.method = HTTPMethod(rawValue: method)
    let parts = URLComponents(string: uri)
    path = parts?.path ?? uri
    query = (parts?.queryItems ?? []).map { QueryItem(name: $0.name, value: $0.value ?? "") }
    self.headers = headers
    self.body = body
  }
}

struct HTTPResponse: Sendable {
  let statusCode: HTTPStatusCode
  let headers: HTTPHeaders
  let body: Data
  init(statusCode: HTTPStatusCode, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data()) {
    self.statusCode = statusCode; self.headers = headers; self.body = body
  }
}
