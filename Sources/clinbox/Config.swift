import Foundation
import TOMLKit
#if canImport(Glibc)
import Glibc
#endif

/// `$XDG_CONFIG_HOME/clinbox/config.toml`: named profiles, one per server and practitioner.
///
/// ```toml
/// default = "clinic"
///
/// [profiles.clinic]
/// server = "https://fumage-example.canvasmedical.com"
/// as = "Practitioner/5eede137ecfe4124b8b773040e33be14"
/// client_id = "…"
/// client_secret_env = "CANVAS_SECRET"     # or client_secret = "…", or client_secret_command = "pass show canvas"
/// sync_interval = 60
/// ```
struct ConfigFile: Decodable {
  var `default`: String?
  var profiles: [String: Profile]?
  /// `[keys]`: an action's keys, replacing the defaults (`done = "x"`, `route = ["a", "ctrl-r"]`).
  var keys: [String: KeyList]?
  /// Mouse wheel and clicks (default on).
  var mouse: Bool?
  var theme: String?
  /// `[[searches]]`: saved searches in the sidebar (`name`, `query`, and a `view`, default all).
  var searches: [SearchSpec]?

  struct SearchSpec: Decodable {
    var name: String
    var query: String
    var view: String?
  }

  struct KeyList: Decodable {
    var keys: [String]
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let one = try? c.decode(String.self) { keys = [one] } else { keys = try c.decode([String].self) }
    }
  }

  struct Profile: Decodable {
    var server: String?
    var tokenURL: String?
    var clientID: String?
    var clientSecret: String?
    var clientSecretEnv: String?
    var clientSecretCommand: String?
    var actingAs: String?
    var syncInterval: Int?
    var theme: String?
    var cache: String?
    /// `client_credentials` (default when a client id is given), `bearer` (`CLINBOX_TOKEN`), or `none`.
    var auth: String?
    /// Where templates' `{{practice.name}}` and `{{practice.phone}}` come from.
    var practice: Practice?
    /// The delivery webhook: each message clinbox sends, once the server has it, POSTed to `url`.
    var webhook: Webhook?

    struct Practice: Decodable { var name: String?; var phone: String? }
    struct Webhook: Decodable {
      var url: String?
      var secret: String?
      var secretEnv: String?
      enum CodingKeys: String, CodingKey { case url, secret, secretEnv = "secret_env" }
    }

    enum CodingKeys: String, CodingKey {
      case server, theme, cache, auth
      case tokenURL = "token_url", clientID = "client_id", clientSecret = "client_secret"
      case clientSecretEnv = "client_secret_env", clientSecretCommand = "client_secret_command"
      case actingAs = "as", syncInterval = "sync_interval", practice, webhook
    }
  }

  static var defaultPath: String {
    (Paths.configHome as NSString).appendingPathComponent("clinbox/config.toml")
  }

  /// The file at `path`, or nil when there is none. A file that holds a secret and that others can read is
  /// refused: the secret would be theirs too.
  static func load(_ path: String = defaultPath) throws -> ConfigFile? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { throw Failure("cannot read \(path): \(error.localizedDescription)") }
    let config: ConfigFile
    do {
      config = try TOMLDecoder().decode(ConfigFile.self, from: text)
    } catch let e as TOMLParseError {
      throw Failure("\(path):\(e.source.begin.line):\(e.source.begin.column): \(e.description)")
    } catch let e as DecodingError {
      throw Failure("\(path): \(describe(e))")
    }
    let holdsSecret = (config.profiles ?? [:]).values.contains { $0.clientSecret != nil || $0.webhook?.secret != nil }
    var st = stat()
    if holdsSecret, stat(path, &st) == 0, st.st_mode & 0o077 != 0 {
      throw Failure("\(path) holds a client secret and others can read it: run chmod 600 \(path) (or use client_secret_env)")
    }
    return config
  }

  /// The named profile, else the default one, else the only one.
  func profile(_ name: String?) throws -> (String, Profile)? {
    let all = profiles ?? [:]
    if let name {
      guard let p = all[name] else {
        throw Failure("no profile \"\(name)\" in \(Self.defaultPath) (profiles: \(all.keys.sorted().joined(separator: ", ")))")
      }
      return (name, p)
    }
    if let d = self.default, let p = all[d] { return (d, p) }
    if all.count == 1, let only = all.first { return (only.key, only.value) }
    return nil
  }

  static func describe(_ e: DecodingError) -> String {
    switch e {
    case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
      let path = c.codingPath.map(\.stringValue).joined(separator: ".")
      return "\(path.isEmpty ? "" : path + ": ")\(c.debugDescription)"
    @unknown default: return "\(e)"
    }
  }
}

/// Runs a command (`client_secret_command`) and returns its first line of output.
func outputOfCommand(_ command: String) throws -> String {
  guard let pipe = popen(command, "r") else { throw Failure("cannot run client_secret_command") }
  var output = Data()
  var buffer = [UInt8](repeating: 0, count: 4096)
  while true {
    let n = fread(&buffer, 1, buffer.count, pipe)
    if n <= 0 { break }
    output.append(contentsOf: buffer[0..<n])
  }
  let status = pclose(pipe)
  guard status == 0 else { throw Failure("client_secret_command failed (exit status \(status >> 8))") }
  return String(decoding: output, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
}
