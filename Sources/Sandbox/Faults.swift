import Foundation

/// Faults the sandbox can be told to inject, for tests of what a real network and server do on bad days,
/// and a log of the requests it saw (to assert what a sync asked for).
/// `@unchecked Sendable`: every `var` is read and written under `lock`.
public final class Faults: @unchecked Sendable {
  private let lock = NSLock()
  private var statuses: [(status: Int, retryAfter: Int?)] = []
  private var drops = 0
  private var htmlPages = 0
  private var log: [String] = []
  private var flakyEvery = 0
  private var seen = 0
  private var truncatedSearches = 0
  private var tokens = 0

  /// The next `count` FHIR requests answer `status` (with `Retry-After` when given) without doing anything.
  public func fail(_ count: Int, status: Int, retryAfter: Int? = nil) {
    lock.withLock { statuses += Array(repeating: (status, retryAfter), count: count) }
  }

  /// The next `count` creates are committed, then never answered (the client's timeout or a dropped
  /// connection is all it sees): the case where a retry would duplicate a message.
  public func dropAfterCommit(_ count: Int) { lock.withLock { drops += count } }

  /// The next `count` requests get an HTML 404 page, as a misconfigured host answers.
  public func htmlNotFound(_ count: Int) { lock.withLock { htmlPages += count } }

  /// From now on every `n`th FHIR request fails: a 503, or (every other time) a 200 whose body is cut off
  /// half-way, as a proxy or a dying server sends. 0 stops it.
  public func flaky(every n: Int) { lock.withLock { flakyEvery = n; seen = 0 } }

  /// The next `count` searches answer 200 with their Bundle cut short.
  public func truncateSearches(_ count: Int) { lock.withLock { truncatedSearches += count } }

  /// Called with each request's line as it is logged (`clinbox sandbox --log-requests`).
  public var echo: (@Sendable (String) -> Void)? {
    get { lock.withLock { echoLine } }
    set { lock.withLock { echoLine = newValue } }
  }
  private var echoLine: (@Sendable (String) -> Void)?

  /// How many tokens were asked for at `/auth/token/`.
  public var tokenRequests: Int { lock.withLock { tokens } }
  func recordTokenRequest() { lock.withLock { tokens += 1 } }

  /// Every FHIR request seen, as `GET /Communication?…`.
  public var requests: [String] { lock.withLock { log } }

  public func clearLog() { lock.withLock { log.removeAll() } }

  func record(_ request: HTTPRequest) {
    let q = request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    let line = "\(request.method.rawValue) \(request.path)\(q.isEmpty ? "" : "?" + q)"
    let echo = lock.withLock { () -> (@Sendable (String) -> Void)? in
      log.append(line)
      return echoLine
    }
    echo?(line)
  }

  /// A canned failure for this request, if one is due.
  func injected() -> HTTPResponse? {
    lock.withLock {
      if htmlPages > 0 {
        htmlPages -= 1
        var h = HTTPHeaders()
        h[HTTPHeader("Content-Type")] = "text/html"
        return HTTPResponse(statusCode: .notFound, headers: h,
                            body: Data("<html><body><h1>Not Found</h1></body></html>".utf8))
      }
      guard !statuses.isEmpty else { return nil }
      let f = statuses.removeFirst()
      var headers: [String: String] = [:]
      if let r = f.retryAfter { headers["Retry-After"] = String(r) }
      return Reply.outcome(f.status, f.status == 429 ? "throttled" : "excepetion",
                           f.status == 429 ? "Too many requests" : "Internal server error", headers: headers)
    }
  }

  /// What the flaky and truncating faults make of an answer about to go out.
  func mangle(_ response: HTTPResponse, isSearch: Bool) -> HTTPResponse {
    enum Fault { case none, unavailable, cut }
    let fault: Fault = lock.withLock {
      if isSearch && truncatedSearches > 0 {
        truncatedSearches -= 1
        return .cut
      }
      guard flakyEvery > 0 else { return .none }
      seen += 1
      guard seen % flakyEvery == 0 else { return .none }
      return (seen / flakyEvery) % 2 == 1 ? .unavailable : .cut
    }
    switch fault {
    case .none: return response
    case .unavailable: return Reply.outcome(503, "excepetion", "Internal server error")
    case .cut:
      let body = response.body
      return HTTPResponse(statusCode: response.statusCode, headers: response.headers, body: body.prefix(body.count / 2))
    }
  }

  func takeDrop() -> Bool {
    lock.withLock {
      guard drops > 0 else { return false }
      drops -= 1
      return true
    }
  }
}
