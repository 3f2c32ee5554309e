import ArgumentParser
import Foundation
import Store

/// `clinbox [--server URL --as Practitioner/<id>] [--cache PATH]`: the inbox from the cache at once, kept in
/// sync in the background when a server is given (or was used before).
struct InboxCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "inbox", abstract: "Open the inbox (the default).")

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  @Option(help: "The theme: default, light, high-contrast, mono, or one of yours in $XDG_CONFIG_HOME/clinbox/themes.")
  var theme: String?

  // `.unconditional`: `--sync-interval -5` is a value to refuse with a reason, not a missing one.
  @Option(parsing: .unconditional,
          help: "Seconds between background syncs (default 60, or the profile's sync_interval).")
  var syncInterval: Double?

  func run() async throws {
    let s = try Settings.resolve(server, cache, syncInterval: syncInterval)
    let url = s.server
    var practitioner = s.practitionerID
    if url == nil && !FileManager.default.fileExists(atPath: s.cachePath) {
      throw Failure("nothing is cached yet at \(s.cachePath): run clinbox --server URL --as Practitioner/<id>, "
                    + "or clinbox demo")
    }
    let store = try Wiring.openStore(s)
    if let url { try Wiring.ensureSameServer(store, url) }
    // Without --as: whom this cache last acted as, else the picker asks at start.
    if practitioner == nil { practitioner = try store.syncValue("acting_as").map(StaffID.init(rawValue:)) }
    let cachedServer = try store.syncValue("server").flatMap(URL.init(string:))
    // Without a server the cache opens offline: credentials are never kept in the cache.
    let background = url.map {
      InboxLauncher.Server(url: $0, credentials: s.credentials, interval: s.syncInterval, webhook: s.webhookURL,
                           webhookSecret: s.webhookSecret, companion: s.companion?.client)
    }
    if let practitioner { try? store.setSyncValue("acting_as", practitioner.rawValue) }
    try PassphraseCommand.chooseAtFirstOpen(store, lockAfter: s.lockAfter)
    try InboxLauncher.open(store: store, serverLabel: InboxLauncher.label(url ?? cachedServer),
                           practitionerID: practitioner,
                           server: background, keys: s.keys, mouse: s.mouse, theme: theme ?? s.theme,
                           searches: s.searches, practice: (s.practiceName, s.practicePhone), thresholds: s.thresholds,
                           directions: s.checkInDirections,
                           recordPrefix: s.recordPrefix, profile: s.profile, lockAfter: s.lockAfter,
                           watch: s.watch, timeZone: s.timeZone)
  }
}
