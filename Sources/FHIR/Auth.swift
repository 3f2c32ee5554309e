import Foundation

/// How clinbox proves who it is to the FHIR server.
public enum Credentials: Sendable, Equatable {
  /// OAuth2 client credentials (Canvas): a form POST to the token URL, tokens that last 10 hours.
  case clientCredentials(id: String, secret: String, tokenURL: URL)
  /// A bearer token obtained elsewhere.
  case bearer(String)
  /// A plain R4 server with no authentication.
  case none

  /// Canvas serves OAuth from the EMR host: the FHIR host without `fumage-` (reference §1, §2).
  public static func defaultTokenURL(for server: URL) -> URL { instanceURL(for: server, path: "/auth/token/") }

  /// `path` on the Canvas instance a FHIR server belongs to: its host without `fumage-` (OAuth, plugin-io). A
  /// server of another name is its own instance.
  public static func instanceURL(for server: URL, path: String) -> URL {
    var c = URLComponents(url: server, resolvingAgainstBaseURL: false) ?? URLComponents()
    if let host = c.host, host.hasPrefix("fumage-") { c.host = String(host.dropFirst("fumage-".count)) }
    c.path = path
    c.query = nil
    return c.url ?? server.appendingPathComponent(String(path.dropFirst()))
  }
}

/// The token endpoint's answer (`access_token`, `expires_in`, `token_type`, `scope`).
struct TokenResponse: Decodable {
  var access_token: String
  var expires_in: Double?
  var token_type: String?
}
