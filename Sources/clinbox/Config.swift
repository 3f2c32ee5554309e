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
/// as = "5eede137ecfe4124b8b773040e33be14"       # the staff key; Practitioner/<key> reads the same
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
  /// `[thresholds]`: the check-in score, by form name, at or over which the thread's panel marks it
  /// (`"Mood check-in" = 3`).
  var thresholds: [String: Int]?
  /// `[checkins."Form"] "question" = "higher-is-worse"` (or `"higher-is-better"`): which way a question of a form
  /// with no known scoring points, so that its trend can say better or worse.
  var checkins: [String: [String: String]]?
  /// The words that open a patient's message recorded here, naming who took it: `record_prefix = "Tel. {name}
  /// ({time}):"`; without it "Phone message taken by {name}, {time}:". One without `{name}` is refused.
  var recordPrefix: String?
  /// Minutes without a key before the screen locks (default 10; 0 never).
  var lockAfter: Number?
  /// Waits for a reply marked in Awaiting reply: `"1d"`, `"12h"`, `"90m"` (defaults 1d and 3d).
  var awaitingWarn: String?
  var awaitingAlarm: String?
  /// The clinic's own red-flag phrases, added to the shipped English and Spanish ones, and files of more.
  var redFlags: [String]?
  var redFlagFiles: [String]?
  /// Being told of a new patient message in a watched view: the bell, a desktop notification, a count in the
  /// terminal's title, patients' names in the notification, and which views are watched.
  var bell: Bool?
  var notify: Bool?
  var title: Bool?
  var notifyNames: Bool?
  var notifyViews: [String]?
  /// The clinic's time zone (`"America/New_York"`), for what is due "tomorrow" and the times shown.
  var timeZone: String?
  /// What the clinic's own file (`ClinicDefaults`) said of `lock_after`: the most a user may set. Not a key.
  var clinicLockAfter: Double?

  enum CodingKeys: String, CodingKey {
    case `default`, profiles, keys, mouse, theme, searches, thresholds, checkins, recordPrefix = "record_prefix"
    case lockAfter = "lock_after", awaitingWarn = "awaiting_warn", awaitingAlarm = "awaiting_alarm"
    case redFlags = "red_flags", redFlagFiles = "red_flag_files", bell, notify, title, notifyNames = "notify_names"
    case notifyViews = "notify_views", timeZone = "time_zone"
  }

  struct SearchSpec: Decodable {
    var name: String
    var query: String
    var view: String?
  }

  /// A number as TOML writes it: `10` (an integer) or `7.5` (a float) — TOMLKit decodes neither as the other.
  struct Number: Decodable {
    var value: Double
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let whole = try? c.decode(Int.self) { value = Double(whole) } else { value = try c.decode(Double.self) }
    }
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
    /// Colleagues whose inboxes this clinician covers, by staff key (or Practitioner/<key>).
    var cover: [String]?
    /// A CA file (PEM) to trust beside the system's: a clinic's TLS-inspecting proxy, a private server.
    var caFile: String?
    /// The companion plugin (`canvas-plugin/`): the environment variable its key is in, and its URL when not the
    /// FHIR server's host without `fumage-`.
    var companion: Companion?

    struct Practice: Decodable { var name: String?; var phone: String? }
    struct Companion: Decodable {
      var apiKeyEnv: String?
      var url: String?
      enum CodingKeys: String, CodingKey { case apiKeyEnv = "api_key_env", url }
    }
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
      case actingAs = "as", syncInterval = "sync_interval", practice, webhook, cover, caFile = "ca_file", companion
    }
  }

  static var defaultPath: String {
    (Paths.configHome as NSString).appendingPathComponent("clinbox/config.toml")
  }

  /// The user's file over the clinic's (`ClinicDefaults`), or nil when there is neither.
  static func load() throws -> ConfigFile? {
    guard let clinic = try ClinicDefaults.table() else { return try load(defaultPath) }
    let mine = try load(defaultPath).flatMap { _ in try? TOMLTable(string: String(contentsOfFile: defaultPath,
                                                                                   encoding: .utf8)) }
    let merged = mine.map { ClinicDefaults.merge(clinic, under: $0) } ?? clinic
    var config = try TOMLDecoder().decode(ConfigFile.self, from: merged.convert())
    config.clinicLockAfter = clinic["lock_after"].flatMap { $0.double ?? $0.int.map(Double.init) }
    return config
  }

  /// The file at `path`, or nil when there is none. A file that holds a secret and that others can read is
  /// refused: the secret would be theirs too.
  static func load(_ path: String) throws -> ConfigFile? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw Failure("cannot read \(path): \(error.localizedDescription)")
    }
    let config: ConfigFile
    do {
      config = try TOMLDecoder().decode(ConfigFile.self, from: text)
    } catch let e as TOMLParseError {
      throw Failure("\(path):\(e.source.begin.line):\(e.source.begin.column): \(e.description)")
    } catch let e as DecodingError {
      throw Failure("\(path): \(describe(e))")
    }
    if let unknown = try? ConfigSchema.unknownKeys(in: TOMLTable(string: text)), let first = unknown.first {
      throw Failure("\(path): unknown key \"\(first.key)\" (known here: \(first.known.joined(separator: ", ")))")
    }
    let holdsSecret = (config.profiles ?? [:]).values.contains { $0.clientSecret != nil || $0.webhook?.secret != nil }
    var st = stat()
    if holdsSecret, stat(path, &st) == 0, st.st_mode & 0o077 != 0 {
      throw Failure("\(path) holds a client secret and others can read it: "
                    + "run chmod 600 \(path) (or use client_secret_env)")
    }
    return config
  }

  /// The profiles' names, for a message that names one wrongly.
  static func names(_ all: [String: Profile]) -> String { all.keys.sorted().joined(separator: ", ") }

  /// The named profile, else the default one, else the only one.
  func profile(_ name: String?) throws -> (String, Profile)? {
    let all = profiles ?? [:]
    if let name {
      guard let p = all[name] else {
        throw Failure("no profile \"\(name)\" in \(Self.defaultPath) (profiles: \(Self.names(all)))")
      }
      return (name, p)
    }
    if let d = self.default {
      guard let p = all[d] else {
        throw Failure("\(Self.defaultPath): default = \"\(d)\" names no profile (profiles: \(Self.names(all)))")
      }
      return (d, p)
    }
    if all.count == 1, let only = all.first { return (only.key, only.value) }
    return nil
  }

  /// A decoding error in plain words: `profiles.clinic.sync_interval should be a whole number (like 60)`.
  static func describe(_ e: DecodingError) -> String {
    func path(_ c: DecodingError.Context) -> String {
      c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        .replacingOccurrences(of: ".[", with: "[")
    }
    switch e {
    case .typeMismatch(let type, let c): return "\(path(c)) should be \(plainName(type))"
    case .valueNotFound(let type, let c): return "\(path(c)) should be \(plainName(type)), and is empty"
    case .keyNotFound(let key, let c):
      let at = path(c)
      // TOMLKit reports a value of the wrong type as a key not found, at the key itself.
      if at.hasSuffix(key.stringValue) { return "\(at) should be \(ConfigSchema.expected(key.stringValue))" }
      return "\(at.isEmpty ? "" : at + " ")needs \(key.stringValue)"
    case .dataCorrupted(let c): return "\(path(c)): \(c.debugDescription)"
    @unknown default: return "\(e)"
    }
  }

  static func plainName(_ type: Any.Type) -> String {
    switch type {
    case is Int.Type, is Double.Type: return "a number (like 60)"
    case is Bool.Type: return "true or false"
    case is String.Type: return "text in quotes (like \"clinic\")"
    case is [String].Type: return "a list of text (like [\"a\", \"b\"])"
    default:
      let name = String(describing: type)
      if name.hasPrefix("Array") || name.hasPrefix("[") { return "a list" }
      if name.hasPrefix("Dictionary") { return "a table" }
      return "a table of settings"
    }
  }
}
