import ArgumentParser
import Foundation
import FHIR
import InboxApp
import Sync
import Store

/// `clinbox sync --server URL --as Practitioner/<id> [--cache PATH]`: one headless sync — the outbox pushed,
/// then the pull — with progress on stderr. Exit 0 only when the sync completed.
struct SyncCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "sync", abstract: "Sync the cache once, headless.")

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  @Flag(help: "Print where the time went (receiving, decoding, storing) when the sync ends.")
  var timings = false

  @Flag(help: "Sync Any staff too, from now on: every message of the practice (its cost is printed first).")
  var anyStaff = false

  @Flag(help: "Stop syncing Any staff (what is cached stays).")
  var noAnyStaff = false

  @Flag(help: "Only send what waits in the outbox; pull nothing (the systemd timer's, while the inbox is closed).")
  var outboxOnly = false

  func run() async throws {
    let s = try Settings.resolve(server, cache)
    guard let url = s.server else { throw ValidationError("sync needs --server URL (or a profile with a server)") }
    guard let practitioner = s.practitionerID else { throw ValidationError("sync needs --as Practitioner/<id> (or a "
                                                                           + "profile with one)") }
    let store = try Wiring.openStore(s)
    if noAnyStaff { try store.setSyncsAnyStaff(false) }
    if anyStaff {
      try Wiring.ensureSameServer(store, url)
      let engine = SyncEngine(client: FHIRClient(server: url, credentials: s.credentials), store: store,
                              practitionerID: practitioner)
      let cost = try await engine.anyStaffCost()
      FileHandle.standardError.write(Data((AnyStaffCost.text(cost) + "; syncing it from now on\n").utf8))
      try store.setSyncsAnyStaff(true)
    }
    try await Wiring.sync(server: url, credentials: s.credentials, practitionerID: practitioner, store: store,
                          webhook: s.webhookURL, webhookSecret: s.webhookSecret, cover: s.watch.cover,
                          companion: s.companion?.client, outboxOnly: outboxOnly)
    if timings { FileHandle.standardError.write(Data(("timings: " + PhaseClock.shared.summary() + "\n").utf8)) }
  }
}
