import ArgumentParser
import Foundation
import FHIR

/// Where the cache lives: `--cache`, else `$XDG_DATA_HOME/clinbox/cache.sqlite`.
struct CacheOptions: ParsableArguments {
  @Option(name: .long, help: "The cache file (default: $XDG_DATA_HOME/clinbox/cache.sqlite).")
  var cache: String?

  var path: String {
    if let cache { return Paths.expand(cache) }
    return (Paths.dataHome as NSString).appendingPathComponent("clinbox/cache.sqlite")
  }
}

/// The server, who we act as, and how we authenticate (each may also come from the config's profile).
struct ServerOptions: ParsableArguments {
  @Option(help: "The profile of the config file to use ($XDG_CONFIG_HOME/clinbox/config.toml).")
  var profile: String?

  @Option(help: "Append what syncs and the outbox did to FILE (counts and ids; no names, no message text).")
  var log: String?

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

  @Option(name: .long,
          help: "Cover a colleague's inbox: Practitioner/<id> (again for more; adds to the profile's cover).")
  var cover: [String] = []
}
