import Foundation
import NIOHTTP1

/// A FHIR R4 client over `HTTPTransport` (async-http-client): token handling, search paging, read and create.
///
/// The server URL may carry a path (`http://host:8090/fhir`); Canvas's relative `next` links (`/Communication?…`)
/// are resolved against it.
/// `@unchecked Sendable`: the token and the capability statement are under `lock`; `retry` is a setting given
/// before the first request.
public final class FHIRClient: @unchecked Sendable {
  public let server: URL
  public let credentials: Credentials
  private let timeout: TimeInterval
  public var retry: RetryPolicy
  private let lock = NSLock()
  private var token: (value: String, expires: Date)?
  private var capabilityStatement: CapabilityStatement?

  public init(server: URL, credentials: Credentials, timeout: TimeInterval = 30, retry: RetryPolicy = RetryPolicy()) {
    self.retry = retry
    self.server = ServerURL.normalized(server)
    self.credentials = credentials
    self.timeout = timeout
  }

  /// A request before it is sent: the transport's terms, kept here so a 401 can send it again with a new token.
  struct Outgoing {
    var method: HTTPMethod
    var url: URL
    var headers: [(String, String)] = []
    var body: Data?
    mutating func set(_ name: String, _ value: String) {
      headers.removeAll { $0.0.caseInsensitiveCompare(name) == .orderedSame }
      headers.append((name, value))
    }
  }

  // MARK: Interactions

  public func metadata() async throws -> CapabilityStatement {
    try await get(url(path: "/metadata"), as: CapabilityStatement.self)
  }

  /// The server's CapabilityStatement, fetched once per client.
  public func capabilities() async throws -> CapabilityStatement {
    if let c = lock.withLock({ capabilityStatement }) { return c }
    let c = try await metadata()
    lock.withLock { capabilityStatement = c }
    return c
  }

  /// One page of a search; follow `next` with `page(_:)`.
  public func search(_ type: String, _ parameters: [(String, String)]) async throws -> SearchBundle {
    var c = URLComponents(url: url(path: "/\(type)"), resolvingAgainstBaseURL: false)!
    c.percentEncodedQuery = parameters.map { "\(FHIRQuery.escape($0.0))=\(FHIRQuery.escape($0.1))" }
      .joined(separator: "&")
    return try await get(c.url!, as: SearchBundle.self)
  }

  /// The page a `next` link points to.
  public func page(_ link: String) async throws -> SearchBundle {
    try await get(try resolve(link), as: SearchBundle.self)
  }

  /// Reads one resource, with its raw JSON.
  public func read<T: Decodable>(_ type: T.Type, _ resourceType: String, id: String) async throws -> (T, JSONValue) {
    let raw = try await get(url(path: "/\(resourceType)/\(FHIRQuery.escape(id))"), as: JSONValue.self,
                            what: "\(resourceType)/\(id)")
    guard raw["resourceType"]?.stringValue == resourceType else {
      let found = raw["resourceType"]?.stringValue ?? "something else"
      throw FHIRError.malformed("expected a \(resourceType), got \(found)")
    }
    do { return (try raw.decode(T.self), raw) } catch {
      throw FHIRError.malformed("\(resourceType)/\(id): \(Self.brief(error))")
    }
  }

  /// Creates a resource and returns the new id from `Location` (the body is `null` or empty on Canvas).
  /// `ifNoneExist` (`identifier=system|value`) makes it a conditional create: a server that offers it answers
  /// with the existing resource instead of making a second one.
  public func create<T: Encodable>(_ resource: T, type: String, ifNoneExist: String? = nil) async throws -> String {
    var req = Outgoing(method: .POST, url: url(path: "/\(type)"), body: try FHIRJSON.encoder.encode(resource))
    if let ifNoneExist { req.set("If-None-Exist", ifNoneExist) }
    req.set("Content-Type", "application/json")
    let response = try await send(req)
    let data = response.body
    guard response.status == 201 || response.status == 200 else { throw error(for: response, what: type) }
    if let loc = response.header("Location"), let id = CreatedLocation.id(from: loc, type: type) {
      return id
    }
    // Some R4 servers return the created resource instead of (or as well as) a Location.
    if let raw = try? FHIRJSON.decoder.decode(JSONValue.self, from: data), let id = raw["id"]?.stringValue { return id }
    throw FHIRError.malformed("the create answer had no Location with the new \(type) id")
  }

  /// Replaces a resource (`PUT /Type/id`): idempotent, so safe to repeat.
  public func update<T: Encodable>(_ resource: T, type: String, id: String) async throws {
    var req = Outgoing(method: .PUT, url: url(path: "/\(type)/\(FHIRQuery.escape(id))"),
                       body: try FHIRJSON.encoder.encode(resource))
    req.set("Content-Type", "application/json")
    let response = try await send(req)
    guard (200...299).contains(response.status) else { throw error(for: response, what: "\(type)/\(id)") }
  }

  // MARK: Transport

  /// A read, decoded as `T`, retried on 429, 5xx and network errors as `retry` says — and on a 200 whose body
  /// does not decode (a proxy's page, a body cut short): a read is safe to repeat, and a half-written answer
  /// is as transient as a 503. Only when the budget is spent does it become the error it is.
  private func get<T: Decodable>(_ url: URL, as type: T.Type, what: String? = nil) async throws -> T {
    let req = Outgoing(method: .GET, url: url)
    var attempt = 0
    while true {
      let outcome: Result<HTTPAnswer, Error>
      do { outcome = .success(try await PhaseClock.shared.time(.transfer) { try await send(req) }) } catch {
        outcome = .failure(error)
      }
      attempt += 1
      switch outcome {
      case .success(let response):
        if response.status == 200 {
          do { return try PhaseClock.shared.time(.decode) { try decode(T.self, response.body) } } catch {
            guard attempt < retry.attempts else { throw unreadable(response, error) }
            await retry.sleep(retry.delay(after: attempt - 1, retryAfter: nil))
            continue
          }
        }
        guard attempt < retry.attempts, RetryPolicy.shouldRetry(status: response.status) else {
          throw error(for: response, what: what)
        }
        await retry.sleep(retry.delay(after: attempt - 1, retryAfter: RetryPolicy.retryAfter(response)))
      case .failure(let e):
        guard attempt < retry.attempts, (e as? FHIRError)?.isTransient == true else { throw e }
        await retry.sleep(retry.delay(after: attempt - 1, retryAfter: nil))
      }
    }
  }

  /// Sends with a bearer token; on a 401, fetches a fresh token once and sends the same request again (Canvas best
  /// practice): it was refused, so nothing was done.
  private func send(_ request: Outgoing) async throws -> HTTPAnswer {
    var req = request
    req.set("Accept", "application/fhir+json, application/json")
    if let t = try await bearer(refresh: false) { req.set("Authorization", "Bearer \(t)") }
    var response = try await transport(req)
    if response.status == 401, case .clientCredentials = credentials, let t = try await bearer(refresh: true) {
      req.set("Authorization", "Bearer \(t)")
      response = try await transport(req)
    }
    return response
  }

  private func transport(_ req: Outgoing) async throws -> HTTPAnswer {
    try await HTTPTransport.shared.send(req.method, req.url, headers: req.headers, body: req.body, timeout: timeout)
  }

  private func bearer(refresh: Bool) async throws -> String? {
    switch credentials {
    case .none: return nil
    case .bearer(let t): return t
    case .clientCredentials(let id, let secret, let tokenURL):
      if !refresh, let t = lock.withLock({ token }), t.expires > Date() { return t.value }
      let form = [("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret)]
      var req = Outgoing(method: .POST, url: tokenURL, body: Data(form.map {
        "\(FHIRQuery.escape($0.0))=\(FHIRQuery.escape($0.1))"
      }.joined(separator: "&").utf8))
      req.set("Content-Type", "application/x-www-form-urlencoded")
      req.set("Accept", "application/json")
      let response = try await transport(req)
      if response.status == 400 || response.status == 401 || response.status == 403 {
        throw FHIRError.authenticationFailed("the token endpoint refused the client id or secret (\(response.status))")
      }
      guard response.status == 200 else { throw error(for: response, what: "token") }
      guard let t = try? FHIRJSON.decoder.decode(TokenResponse.self, from: response.body) else {
        throw FHIRError.notFHIR(status: response.status, contentType: response.header("Content-Type") ?? "")
      }
      // Refresh a minute early, as Canvas's own SDK does.
      let expires = Date().addingTimeInterval(max(0, (t.expires_in ?? 36_000) - 60))
      lock.withLock { token = (t.access_token, expires) }
      return t.access_token
    }
  }

  /// A 200 that never decoded: an HTML page (a proxy, a login portal) says so; anything else is malformed.
  private func unreadable(_ response: HTTPAnswer, _ error: Error) -> Error {
    let type = response.header("Content-Type") ?? ""
    if type.contains("html") || response.body.first == UInt8(ascii: "<") {
      return FHIRError.notFHIR(status: 200, contentType: type)
    }
    return error
  }

  /// The body parsed once (`JSONParser`) and decoded from the parsed value: a page's resources keep that value as
  /// their raw JSON and decode their type from it, never from text again.
  private func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
    do { return try JSONParser.parse([UInt8](data)).decode(T.self) }
    catch { throw FHIRError.malformed(Self.brief(error)) }
  }

  private func error(for response: HTTPAnswer, what: String?) -> FHIRError {
    let status = response.status
    let outcome = try? FHIRJSON.decoder.decode(OperationOutcome.self, from: response.body)
    if status == 401, case .none = credentials {
      return .authenticationFailed("the server asks who you are and no credentials were given: use --client-id and "
        + "--client-secret (or CLINBOX_CLIENT_ID and CLINBOX_CLIENT_SECRET, a profile, or CLINBOX_TOKEN)")
    }
    guard let outcome, outcome.resourceType == "OperationOutcome" else {
      if status == 401 { return .authenticationFailed("the server refused the token (401)") }
      return .notFHIR(status: status, contentType: response.header("Content-Type") ?? "")
    }
    switch status {
    case 401: return .authenticationFailed(outcome.summary)
    case 403: return .forbidden(outcome.summary)
    case 404: return .notFound(outcome.summary)
    default: return .server(status: status, message: outcome.summary)
    }
  }
}

/// Percent-encoding for FHIR query parameters, form bodies and ids in paths: everything but the unreserved
/// characters, so `Practitioner/abc` travels as `Practitioner%2Fabc`, as Canvas's own links show it.
public enum FHIRQuery {
  public static func escape(_ s: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
  }
}
