import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// An answer as clinbox reads it: the status, the headers, the whole body.
public struct HTTPAnswer: Sendable, HTTPURLResponseLike {
  public var status: Int
  public var headers: [(String, String)]
  public var body: Data

  public func header(_ name: String) -> String? {
    headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
  }
}

/// HTTP over async-http-client: a request is sent once — AHC never repeats one by itself, so after a dropped
/// connection only the outbox decides, having looked, whether a create goes again (libcurl, under URLSession,
/// replayed a POST on a dead reused connection). Nothing is cached, no cookie is kept, nothing is written to disk.
///
/// `HTTPS_PROXY`/`HTTP_PROXY` (either case) and `NO_PROXY` are honoured as libcurl honoured them, and a CA file
/// (the profile's `ca_file`, else `SSL_CERT_FILE`) is trusted beside the system's roots.
public final class HTTPTransport: Sendable {
  /// The process's transport, made at its first request with the CA file `configure` gave (its clients live as
  /// long as the process: AHC's clients are never dropped without a shutdown).
  public static let shared = HTTPTransport(caFile: configuredCAFile)
  // Set by `configure` at start, before the first request makes `shared`; read once, then.
  nonisolated(unsafe) private static var configuredCAFile: String?

  /// The CA file to trust beside the system's, from the profile: call before the first request.
  public static func configure(caFile: String?) { configuredCAFile = caFile }

  private let direct: HTTPClient
  private let proxied: [String: HTTPClient]
  private let noProxy: [String]

  public init(caFile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
    var tls = TLSConfiguration.makeClientConfiguration()
    if let file = caFile ?? environment["SSL_CERT_FILE"], FileManager.default.fileExists(atPath: file) {
      tls.additionalTrustRoots = [.file(file)]
    }
    func client(_ proxy: HTTPClient.Configuration.Proxy?) -> HTTPClient {
      var c = HTTPClient.Configuration(tlsConfiguration: tls,
                                       redirectConfiguration: .follow(max: 5, allowCycles: false),
                                       timeout: .init(connect: .seconds(10)), proxy: proxy)
      c.decompression = .disabled
      // A refused connection is said at once (the status line's "offline"); reads retry by RetryPolicy and writes
      // by the outbox, each at its own pace. AHC's own retry held a request until its deadline, which then read as
      // a timeout — a write that "may have landed" though it never left.
      c.connectionPool.retryConnectionEstablishment = false
      return HTTPClient(eventLoopGroupProvider: .singleton, configuration: c)
    }
    direct = client(nil)
    var proxied: [String: HTTPClient] = [:]
    for scheme in ["https", "http"] {
      let value = environment["\(scheme)_proxy"] ?? environment["\(scheme.uppercased())_PROXY"]
      guard let value, !value.isEmpty, let url = URL(string: value.contains("://") ? value : "http://" + value),
            let host = url.host else { continue }
      proxied[scheme] = client(.server(host: host, port: url.port ?? 80))
    }
    self.proxied = proxied
    noProxy = (environment["no_proxy"] ?? environment["NO_PROXY"] ?? "").split(separator: ",")
      .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
  }

  /// Whether a host goes straight, not through the proxy: `NO_PROXY` names it, a domain of it, or `*`.
  func bypasses(_ host: String) -> Bool {
    let h = host.lowercased()
    return noProxy.contains { entry in
      if entry == "*" { return true }
      let name = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
      let bare = name.split(separator: ":").first.map(String.init) ?? name
      return h == bare || h.hasSuffix("." + bare)
    }
  }

  /// One exchange, sent once. Throws `FHIRError` for what went wrong on the way (`origin` names the server).
  public func send(_ method: HTTPMethod, _ url: URL, headers: [(String, String)], body: Data? = nil,
                   timeout: TimeInterval) async throws -> HTTPAnswer {
    let origin = FHIRClient.origin(url)
    var request = HTTPClientRequest(url: url.absoluteString)
    request.method = method
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
    let client = url.host.flatMap { bypasses($0) ? nil : proxied[url.scheme ?? "http"] } ?? direct
    do {
      let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
      var buffer = try await response.body.collect(upTo: 256 << 20)
      let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
      return HTTPAnswer(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                        body: Data(bytes))
    } catch {
      throw Self.failure(error, origin: origin)
    }
  }

  /// What an HTTP failure means for the clinician: a timeout, a connection lost after the request went out (the
  /// server may have acted on it), or a server never reached (refused, unknown, untrusted).
  static func failure(_ error: Error, origin: String) -> FHIRError {
    if let e = error as? FHIRError { return e }
    if let e = error as? HTTPClientError {
      switch e {
      // Before the request could go out: the server never saw it.
      case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout, .httpProxyHandshakeTimeout:
        return .unreachable(server: origin, reason: "no answer to a connection")
      // After it may have: looked for before any retry.
      case .deadlineExceeded, .readTimeout, .writeTimeout: return .timedOut(server: origin)
      case .remoteConnectionClosed, .cancelled: return .connectionLost(server: origin)
      case .bodyLengthMismatch: return .malformed("the answer was cut short")
      default: break
      }
    }
    if error is ChannelError { return .connectionLost(server: origin) }
    if error is NIOSSLError || error is BoringSSLError {
      return .unreachable(server: origin, reason: "TLS certificate not trusted")
    }
    return .unreachable(server: origin, reason: reason(error))
  }

  /// A connection that never came, in a few words.
  static func reason(_ error: Error) -> String {
    let text = String(describing: error)
    if text.contains("ECONNREFUSED") || text.lowercased().contains("connection refused") { return "connection refused" }
    if text.contains("dns") || text.contains("DNS") || text.contains("NXDOMAIN") { return "unknown host" }
    if text.contains("ENETUNREACH") || text.contains("EHOSTUNREACH") { return "no network" }
    return text.count > 120 ? String(text.prefix(120)) + "…" : text
  }
}
