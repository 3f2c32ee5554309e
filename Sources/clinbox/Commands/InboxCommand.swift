import ArgumentParser
import Foundation
import Store

/// `clinbox [--server URL --as Practitioner/<id>] [--cache PATH]`: the inbox from the cache at once, kept in
/// sync in the background when a server is given (or was used before).
struct InboxCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "inbox", abstract: "Open the inbox (the default).")

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  @Option(help: "Seconds between background syncs.")
  var syncInterval: Double = 60

  func validate() throws {
    guard syncInterval >= 5 else { throw ValidationError("--sync-interval must be at least 5 seconds") }
  }

  func run() async throws {
    let url = try server.serverURL()
    var practitioner = try server.practitionerID()
    if url != nil && practitioner == nil {
      throw ValidationError("--server needs --as Practitioner/<id>: the practitioner whose inbox to open")
    }
    if url == nil && !FileManager.default.fileExists(atPath: cache.path) {
      throw Failure("nothing is cached yet at \(cache.path): run clinbox --server URL --as Practitioner/<id>, or clinbox demo")
    }
    let store = try Wiring.openStore(cache.path)
    if let url, let previous = try store.syncValue("server"), previous != url.absoluteString {
      throw Failure("the cache at \(store.path) holds data from \(previous); use --cache for another server")
    }
    if practitioner == nil { practitioner = try store.syncValue("acting_as") }
    let cachedServer = try store.syncValue("server").flatMap(URL.init(string:))
    // Without --server the cache opens offline: credentials are not kept in the cache.
    let background = try url.map { InboxLauncher.Server(url: $0, credentials: try server.credentials(for: $0), interval: syncInterval) }
    if let practitioner { try? store.setSyncValue("acting_as", practitioner) }
    try InboxLauncher.open(store: store, serverLabel: InboxLauncher.label(url ?? cachedServer), practitionerID: practitioner,
                           server: background)
  }
}
