import Foundation

/// Everything that can go wrong talking to a FHIR server, each with a line a clinician can act on.
public enum FHIRError: Error, Equatable, CustomStringConvertible, LocalizedError {
  case unreachable(server: String, reason: String)
  /// The connection broke after the request went out: the server may have acted on it.
  case connectionLost(server: String)
  case timedOut(server: String)
  case authenticationFailed(String)
  case forbidden(String)
  case notFound(String)
  case server(status: Int, message: String)
  case notFHIR(status: Int, contentType: String)
  case malformed(String)

  public var description: String {
    switch self {
    case .unreachable(let s, let r): return "cannot reach \(s): \(r)"
    case .connectionLost(let s): return "the connection to \(s) was lost"
    case .timedOut(let s): return "\(s) did not answer in time"
    case .authenticationFailed(let m): return "authentication failed: \(m)"
    case .forbidden(let m): return "not allowed: \(m)"
    case .notFound(let m): return "not found: \(m)"
    case .server(let status, let m): return "server answered \(status): \(m)"
    case .notFHIR(let status, let type):
      let body = type.isEmpty ? "a non-JSON body" : type
      return "server answered \(status) with \(body), not FHIR JSON — is the server URL right?"
    case .malformed(let m): return "server sent malformed data: \(m)"
    }
  }

  public var errorDescription: String? { description }

  /// The server refused who we are (a wrong client id, secret or token).
  public var isAuthentication: Bool {
    if case .authenticationFailed = self { return true }
    return false
  }

  /// Whether a retry later may succeed (the network or the server, not the request, was at fault).
  public var isTransient: Bool {
    switch self {
    case .unreachable, .timedOut, .connectionLost: return true
    case .server(let status, _): return status == 429 || status >= 500
    default: return false
    }
  }

  /// Whether a write that failed this way may still have been carried out (a timeout, a lost connection, a
  /// 5xx): then it must be looked for before it is sent again. A refused connection or a 4xx never got in.
  public var mayHaveReachedServer: Bool {
    switch self {
    case .connectionLost, .timedOut, .malformed: return true
    case .server(let status, _): return status >= 500
    case .notFHIR(let status, _): return status >= 500 || status == 200 || status == 201
    default: return false
    }
  }
}
