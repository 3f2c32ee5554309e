import ArgumentParser
import Foundation
import FHIR

/// `clinbox sync --server URL --as Practitioner/<id> [--cache PATH]`: one headless sync — the outbox pushed,
/// then the pull — with progress on stderr. Exit 0 only when the sync completed.
struct SyncCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "sync", abstract: "Sync the cache once, headless.")

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  @Flag(help: "Print where the time went (receiving, decoding, storing) when the sync ends.")
  var timings = false

  func run() async throws {
    let s = try Settings.resolve(server, cache)
    guard let url = s.server else { throw ValidationError("sync needs --server URL (or a profile with a server)") }
    guard let practitioner = s.practitionerID else { throw ValidationError("sync needs --as Practitioner/<id> (or a profile with one)") }
    let store = try Wiring.openStore(s)
    try await Wiring.sync(server: url, credentials: s.credentials, practitionerID: practitioner, store: store,
                          webhook: s.webhookURL, webhookSecret: s.webhookSecret, cover: s.cover)
    if timings { FileHandle.standardError.write(Data(("timings: " + PhaseClock.shared.summary() + "\n").utf8)) }
  }
}
