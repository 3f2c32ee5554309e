import ArgumentParser
import Foundation
import Clinic
import FHIR
import Sandbox
import Sync

/// `clinbox demo`: a seeded sandbox in-process on a free loopback port, a fresh temporary cache, a real sync
/// over HTTP, and the inbox acting as the seeded clinician. Everything is removed on quit.
struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "demo",
                                                  abstract: "Open the inbox on a seeded sandbox server.")

  @Option(help: "The seed for the synthetic data.")
  var seed: UInt64 = 1

  @Option(help: "How many messages to seed.")
  var messages: Int = 300

  /// The global options, so one alias serves every subcommand: `--as` picks a seeded practitioner, `--cache`
  /// keeps the demo's cache (else a temporary one), `--profile` lends its keys, theme and searches; the demo's
  /// server is always its own sandbox.
  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  @Option(help: "The theme: default, light, high-contrast, mono, or one of yours in $XDG_CONFIG_HOME/clinbox/themes.")
  var theme: String?

  @Option(help: "Keep the sandbox's data in this file (and reuse it), so a second demo can act as a colleague.")
  var db: String?

  @Option(help: "Every this many seconds a patient writes to you, to see news arrive (0: never).")
  var patientWritesEvery: Double = 120

  func validate() throws {
    guard messages >= 0,
          messages <= 2_000_000 else { throw ValidationError("--messages must be between 0 and 2000000") }
  }

  func run() async throws {
    var options = SandboxOptions()
    options.seed = seed
    options.messages = messages
    if let db { options.databasePath = db }
    let sandbox: SandboxServer
    do { sandbox = try SandboxServer(options: options) } catch { throw Failure("the sandbox cannot start: \(error)") }
    let url: URL
    do { url = try await sandbox.start() } catch { throw Failure("the sandbox cannot start: \(error)") }
    let writes = patientWritesEvery > 0 ? sandbox.startPatientWrites(every: patientWritesEvery) : nil
    defer { writes?.cancel() }
    if server.server != nil {
      FileHandle.standardError.write(Data("clinbox demo: --server ignored: the demo runs its own sandbox\n".utf8))
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-demo-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = try ConfigFile.load()
    let redFlags = try Settings.redFlags(config)
    let store = try Wiring.openStore(cache.cache.map(Paths.expand) ?? dir.appendingPathComponent("cache.sqlite").path,
                                     redFlags: redFlags)
    let practitioner = try Settings.parsePractitioner(server.actingAs) ?? StaffID(rawValue: sandbox.demoPractitionerID)
    let credentials = Credentials.clientCredentials(id: options.clientID, secret: options.clientSecret,
                                                    tokenURL: Credentials.defaultTokenURL(for: url))
    do {
      // The inbox opens at once; the first sync fills it in the background, as it would on a real server.
      let profile = try config?.profile(server.profile)?.1
      let watch = try Settings.watch(config, profile, cover: server.cover)
      try InboxLauncher.open(store: store, serverLabel: "sandbox \(InboxLauncher.label(url))",
                             practitionerID: practitioner,
                             // The sandbox serves the companion too: reads are shared as with it installed.
                             server: .init(url: url, credentials: credentials, interval: 60,
                                           companion: options.companionKey.map {
                                             CompanionClient(base: CompanionClient.base(forFHIR: url), key: $0)
                                           }),
                             keys: try Settings.keyMap(config?.keys ?? [:]), mouse: config?.mouse ?? true,
                             theme: theme ?? profile?.theme
                                 ?? config?.theme, searches: try Settings.savedSearches(config?.searches ?? []),
                             practice: ("Riverside Family Practice", "555-0100"), thresholds: config?.thresholds ?? [:],
                             directions: try Settings.checkInDirections(config),
                             // Synthetic patients: no passphrase is asked for, and nothing locks on its own.
                             profile: server.profile ?? "demo", lockAfter: 0, watch: watch)
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
  }
}
