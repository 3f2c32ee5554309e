import ArgumentParser
import Foundation

/// `clinbox sync --server URL --as Practitioner/<id> [--cache PATH]`: one headless sync, progress on stderr.
struct SyncCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "sync", abstract: "Sync the cache once, headless.")

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  func run() async throws {
    guard let url = try server.serverURL() else { throw ValidationError("sync needs --server URL") }
    guard let practitioner = try server.practitionerID() else { throw ValidationError("sync needs --as Practitioner/<id>") }
    let credentials = try server.credentials(for: url)
    let store = try Wiring.openStore(cache.path)
    try await Wiring.sync(server: url, credentials: credentials, practitionerID: practitioner, store: store)
  }
}
