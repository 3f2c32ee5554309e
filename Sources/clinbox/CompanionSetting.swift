import Foundation
import Sync

/// The profile's `companion = { api_key_env = "…", url = "…" }`: where the plugin answers and the key it takes.
/// The key is read from the environment only, as a client secret can be: never a value in the file.
struct CompanionSetting: Equatable {
  /// The environment variable the key is in.
  var keyEnv: String
  /// The key, when that variable is set.
  var key: String?
  var base: URL

  /// The plugin's client, when its key is set.
  var client: CompanionClient? { key.map { CompanionClient(base: base, key: $0) } }

  init?(_ c: ConfigFile.Profile.Companion?, server: URL?, env: [String: String]) throws {
    guard let c else { return nil }
    guard let name = c.apiKeyEnv, !name.isEmpty else {
      throw Failure("companion needs api_key_env: the environment variable the plugin's key is in")
    }
    keyEnv = name
    key = env[name].flatMap { $0.isEmpty ? nil : $0 }
    if let u = c.url {
      guard let url = URL(string: u), url.scheme == "https" || url.scheme == "http", url.host != nil else {
        throw Failure("companion url must be an http or https URL: \(u)")
      }
      base = url
    } else if let server {
      base = CompanionClient.base(forFHIR: server)
    } else {
      throw Failure("companion needs a server (or its own url) to find the plugin at")
    }
  }
}
