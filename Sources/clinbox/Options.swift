import ArgumentParser
import Foundation
import FHIR

/// Where the cache lives: `--cache`, else `$XDG_DATA_HOME/clinbox/cache.sqlite`.
struct CacheOptions: ParsableArguments {
  @Option(name: .long, help: "The cache file (default: $XDG_DATA_HOME/clinbox/cache.sqlite).")
  var cache: String?

  var path: String {
    if let cache { return (cache as NSString).expandingTildeInPath }
    let env = ProcessInfo.processInfo.environment
    let data = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
    return (data as NSString).appendingPathComponent("clinbox/cache.sqlite")
  }
}

/// The server, who we act as, and how we authenticate.
struct ServerOptions: ParsableArguments {
  @Option(name: .long, help: "The FHIR server's base URL, e.g. https://fumage-example.canvasmedical.com.")
  var server: String?

  @Option(name: [.customLong("as")], help: "The acting practitioner: Practitioner/<id> (or the bare id).")
  var actingAs: String?

  @Option(name: .long, help: "OAuth2 client id (else $CLINBOX_CLIENT_ID).")
  var clientID: String?

  @Option(name: .long, help: "OAuth2 client secret (else $CLINBOX_CLIENT_SECRET).")
  var clientSecret: String?

  @Option(name: .long, help: "The OAuth2 token URL (default: <server>/auth/token/ with fumage- dropped from the host).")
  var tokenURL: String?

  /// The server URL, checked: http(s) with a host.
  func serverURL() throws -> URL? {
    guard let server else { return nil }
    guard let url = URL(string: server), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
          url.host != nil else {
      throw ValidationError("--server must be an http or https URL, e.g. https://fumage-example.canvasmedical.com")
    }
    return url
  }

  /// The acting practitioner's id, from `Practitioner/<id>` or a bare id.
  func practitionerID() throws -> String? {
    guard let a = actingAs?.trimmingCharacters(in: .whitespaces), !a.isEmpty else { return nil }
    let id = a.hasPrefix("Practitioner/") ? String(a.dropFirst("Practitioner/".count)) : a
    guard !id.isEmpty, !id.contains("/"), id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) else {
      throw ValidationError("--as must be Practitioner/<id>, e.g. --as Practitioner/5eede137ecfe4124b8b773040e33be14")
    }
    return id
  }

  func credentials(for server: URL) throws -> Credentials {
    let env = ProcessInfo.processInfo.environment
    let id = clientID ?? env["CLINBOX_CLIENT_ID"]
    let secret = clientSecret ?? env["CLINBOX_CLIENT_SECRET"]
    if let id, let secret, !id.isEmpty {
      var tokenURL = Credentials.defaultTokenURL(for: server)
      if let t = self.tokenURL {
        guard let u = URL(string: t), u.scheme != nil, u.host != nil else { throw ValidationError("--token-url must be a URL") }
        tokenURL = u
      }
      return .clientCredentials(id: id, secret: secret, tokenURL: tokenURL)
    }
    if (id == nil) != (secret == nil) {
      throw ValidationError("give both a client id and a client secret (--client-id/--client-secret or CLINBOX_CLIENT_ID/CLINBOX_CLIENT_SECRET)")
    }
    if let token = env["CLINBOX_TOKEN"], !token.isEmpty { return .bearer(token) }
    return .none
  }
}
