import ArgumentParser
import Foundation
import FHIR
import InboxApp
import Store
import FHIRMapping

/// Everything a command needs to reach a server and a cache, from the flags first, then the environment,
/// then the config file's profile.
struct Settings {
  var server: URL?
  var practitionerID: StaffID?
  var credentials: Credentials
  var cachePath: String
  var syncInterval: Double
  var profile: String?
  var keys = KeyMap()
  var mouse = true
  var theme: String?
  var searches: [SavedSearch] = []
  var thresholds: [String: Int] = [:]
  var checkInDirections: [String: [String: ScoreDirection]] = [:]
  var recordPrefix = RecordPrefix.standard
  /// Seconds without a key before the screen locks (`lock_after` minutes; 10 unless the config says).
  var lockAfter: TimeInterval = 600
  /// The clinic's time zone (`time_zone`), else the machine's.
  var timeZone = TimeZone.current
  var practiceName: String?
  var practicePhone: String?
  var webhookURL: URL?
  var webhookSecret: String?
  /// The companion plugin, where the profile names it.
  var companion: CompanionSetting?
  /// The shipped red-flag phrases with the clinic's own.
  var redFlags = RedFlags.shipped
  /// What the clinician watches: colleagues covered (the profile's `cover` and `--cover`), how they are told of
  /// arrivals, when a wait for a reply is long.
  var watch = InboxLauncher.Watch()

  /// `needsCredentials: false` for commands that only read or change the local cache (`list`, `passphrase`): a
  /// profile's missing secret is no reason to refuse them.
  static func resolve(_ options: ServerOptions, _ cache: CacheOptions, syncInterval flagInterval: Double? = nil,
                      needsCredentials: Bool = true) throws -> Settings {
    let env = ProcessInfo.processInfo.environment
    let config = try ConfigFile.load()
    let named = try config?.profile(options.profile)
    if options.profile != nil && config == nil {
      throw Failure("--profile \(options.profile!) needs a config file at \(ConfigFile.defaultPath)")
    }
    let p = named?.1

    let server = try parseServer(options.server ?? p?.server)
    if let ca = p?.caFile.map(Paths.expand) {
      guard FileManager.default.fileExists(atPath: ca) else { throw Failure("ca_file \(ca) does not exist") }
      HTTPTransport.configure(caFile: ca)
    }
    let practitioner = try parsePractitioner(options.actingAs ?? p?.actingAs)

    // Credentials: flags, then environment, then profile.
    var credentials = Credentials.none
    if let server, needsCredentials {
      let tokenURL = try (options.tokenURL ?? p?.tokenURL).map { t -> URL in
        guard let u = URL(string: t), u.scheme != nil, u.host != nil else {
          throw ValidationError("the token URL must be a URL: \(t)")
        }
        return u
      } ?? Credentials.defaultTokenURL(for: server)
      let id = options.clientID ?? env["CLINBOX_CLIENT_ID"] ?? p?.clientID
      var secret = options.clientSecret ?? env["CLINBOX_CLIENT_SECRET"] ?? p?.clientSecret
      if secret == nil, let name = p?.clientSecretEnv { secret = env[name] }
      if secret == nil, let command = p?.clientSecretCommand, id != nil { secret = try outputOfCommand(command) }
      switch p?.auth ?? "" {
      case "none": credentials = .none
      case "bearer":
        guard let t = env["CLINBOX_TOKEN"], !t.isEmpty else {
          throw Failure("the profile uses bearer auth: set CLINBOX_TOKEN")
        }
        credentials = .bearer(t)
      default:
        if let id, !id.isEmpty, let secret, !secret.isEmpty {
          credentials = .clientCredentials(id: id, secret: secret, tokenURL: tokenURL)
        } else if id != nil || secret != nil {
          throw ValidationError("give both a client id and a client secret (--client-id/--client-secret, "
                                  + "CLINBOX_CLIENT_ID/CLINBOX_CLIENT_SECRET, or the profile)")
        } else if let t = env["CLINBOX_TOKEN"], !t.isEmpty {
          credentials = .bearer(t)
        }
      }
    }

    let cachePath = cache.cache.map(Paths.expand) ?? p?.cache.map(Paths.expand)
      ?? cache.path
    let interval = flagInterval ?? p?.syncInterval.map(Double.init) ?? 60
    guard interval >= 5 else { throw ValidationError("the sync interval must be at least 5 seconds") }
    var settings = Settings(server: server, practitionerID: practitioner, credentials: credentials,
                            cachePath: cachePath, syncInterval: interval, profile: named?.0)
    settings.keys = try keyMap(config?.keys ?? [:])
    settings.mouse = config?.mouse ?? true
    settings.theme = p?.theme ?? config?.theme
    settings.searches = try savedSearches(config?.searches ?? [])
    settings.thresholds = config?.thresholds ?? [:]
    settings.checkInDirections = try checkInDirections(config)
    settings.recordPrefix = try recordPrefix(config?.recordPrefix)
    settings.lockAfter = ClinicDefaults.lockAfter(user: config?.lockAfter?.value, clinic: config?.clinicLockAfter) * 60
    if let zone = config?.timeZone {
      guard let tz = TimeZone(identifier: zone) else {
        throw Failure("time_zone \"\(zone)\" is not a time zone (like \"America/New_York\")")
      }
      settings.timeZone = tz
    }
    settings.redFlags = try redFlags(config)
    settings.watch = try watch(config, p, cover: options.cover)
    settings.practiceName = p?.practice?.name
    settings.practicePhone = p?.practice?.phone
    if let u = env["CLINBOX_WEBHOOK_URL"] ?? p?.webhook?.url {
      guard let url = URL(string: u), let scheme = url.scheme, scheme == "http" || scheme == "https",
            url.host != nil else {
        throw Failure("the webhook URL must be an http or https URL: \(u)")
      }
      settings.webhookURL = url
    }
    settings.webhookSecret = env["CLINBOX_WEBHOOK_SECRET"] ?? p?.webhook?.secret
      ?? p?.webhook?.secretEnv.flatMap { env[$0] }
    settings.companion = try CompanionSetting(p?.companion, server: settings.server, env: env)
    return settings
  }

  /// `[checkins."Form"]`: each question's direction; anything but the two words is refused, naming the key.
  static func checkInDirections(_ config: ConfigFile?) throws -> [String: [String: ScoreDirection]] {
    try (config?.checkins ?? [:]).mapValues { questions in
      try questions.mapValues { word in
        guard let d = ScoreDirection(rawValue: word) else {
          throw Failure("checkins: \"\(word)\" should be \"higher-is-worse\" or \"higher-is-better\"")
        }
        return d
      }
    }
  }

  /// The clinic's wording for a phone message's attribution; one that would not name who took it is refused.
  static func recordPrefix(_ template: String?) throws -> RecordPrefix {
    guard let template else { return .standard }
    guard let prefix = RecordPrefix(template: template) else {
      throw Failure("record_prefix must name who took the message with \(RecordPrefix.nameSlot) (and may give "
                    + "\(RecordPrefix.timeSlot)), like \"\(RecordPrefix.standard.template)\"")
    }
    return prefix
  }

  /// `"1d"`, `"12h"`, `"90m"`, `"2d 4h"` in seconds.
  static func duration(_ text: String?, key: String) throws -> TimeInterval? {
    guard let text else { return nil }
    var total: TimeInterval = 0
    var number = ""
    var any = false
    for ch in text.lowercased() where ch != " " {
      if ch.isNumber || ch == "." { number.append(ch); continue }
      let unit: TimeInterval? = ["d": 86_400, "h": 3_600, "m": 60, "s": 1][String(ch)]
      guard let unit, let n = Double(number) else {
        throw Failure("\(ConfigFile.defaultPath): \(key) = \"\(text)\" is not a time (like \"1d\", \"12h\" or \"90m\")")
      }
      total += n * unit
      number = ""
      any = true
    }
    guard any, number.isEmpty else {
      throw Failure("\(ConfigFile.defaultPath): \(key) = \"\(text)\" is not a time (like \"1d\", \"12h\" or \"90m\")")
    }
    return total
  }

  /// What the clinician watches, from the config, its profile and `--cover` (the demo's too).
  static func watch(_ config: ConfigFile?, _ profile: ConfigFile.Profile?,
                    cover flags: [String]) throws -> InboxLauncher.Watch {
    var w = InboxLauncher.Watch()
    w.cover = try ((profile?.cover ?? []) + flags).compactMap(parsePractitioner)
    w.alerts = try alerts(config)
    w.awaitingWarn = try duration(config?.awaitingWarn, key: "awaiting_warn") ?? w.awaitingWarn
    w.awaitingAlarm = try duration(config?.awaitingAlarm, key: "awaiting_alarm") ?? w.awaitingAlarm
    return w
  }

  /// The shipped lexicons, the config's phrases and the phrases of each file it names.
  static func redFlags(_ config: ConfigFile?) throws -> RedFlags {
    var flags = RedFlags.shipped.adding(RedFlags(lexicon: (config?.redFlags ?? []).joined(separator: "\n")))
    for file in (config?.redFlagFiles ?? []).map(Paths.expand) {
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw Failure("\(ConfigFile.defaultPath): red_flag_files names \(file), which cannot be read")
      }
      flags = flags.adding(RedFlags(lexicon: text))
    }
    return flags
  }

  /// Being told (`bell`, `notify`, `title`, `notify_names`, `notify_views`).
  static func alerts(_ config: ConfigFile?) throws -> Alerts {
    var a = Alerts()
    a.bell = config?.bell ?? true
    a.notify = config?.notify ?? true
    a.title = config?.title ?? true
    a.names = config?.notifyNames ?? false
    if let names = config?.notifyViews {
      a.views = Set(try names.map { name in
        guard let v = InboxView(rawValue: name) else {
          throw Failure("\(ConfigFile.defaultPath): notify_views has no view \"\(name)\" (views: \(Self.viewNames))")
        }
        return v
      })
    }
    return a
  }

  static func savedSearches(_ specs: [ConfigFile.SearchSpec]) throws -> [SavedSearch] {
    try specs.map { spec in
      guard let view = InboxView(rawValue: spec.view ?? "all") else {
        throw Failure("\(ConfigFile.defaultPath): search \"\(spec.name)\" has no view \"\(spec.view ?? "")\" "
                      + "(views: \(Self.viewNames))")
      }
      return SavedSearch(name: spec.name, view: view, text: spec.query)
    }
  }

  /// `[keys]` of the config: action names from the action table, keys as `x`, `ctrl-x`, `enter`….
  /// The views a config may name, for a message that names a wrong one.
  static let viewNames = InboxView.allCases.map(\.rawValue).joined(separator: ", ")

  static func keyMap(_ table: [String: ConfigFile.KeyList]) throws -> KeyMap {
    var map = KeyMap()
    for (name, list) in table {
      guard let command = Command(rawValue: name) else {
        let actions = Command.allCases.map(\.rawValue).joined(separator: ", ")
        throw Failure("\(ConfigFile.defaultPath): [keys] has no action \"\(name)\" (actions: \(actions))")
      }
      map.overrides[command] = try list.keys.map { text in
        guard let key = KeyMap.parse(text) else {
          throw Failure("\(ConfigFile.defaultPath): [keys] \(name) = \"\(text)\" is not a key "
                        + "(try \"x\", \"ctrl-x\", \"enter\", \"pgdn\")")
        }
        return key
      }
    }
    return map
  }
}
