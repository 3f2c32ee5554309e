import ArgumentParser
import Foundation
import FHIR
import Sandbox

/// `clinbox sandbox`: the Canvas-compatible FHIR server on its own, for trying clinbox or another client.
struct SandboxCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "sandbox",
                                                  abstract: "Run the Canvas-compatible sandbox FHIR server.")

  @Option(help: "The loopback address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "The port (0 picks a free one).")
  var port: UInt16 = 8090

  @Option(help: "The sandbox's SQLite file (default: a temporary one). An existing file is served as it is.")
  var db: String?

  @Option(help: "The seed for the synthetic data.")
  var seed: UInt64 = 1

  @Option(help: "How many messages to seed.")
  var messages: Int = 300

  @Option(name: .long, help: "The OAuth2 client id the sandbox accepts.")
  var clientID = "demo"

  @Option(name: .long, help: "The OAuth2 client secret the sandbox accepts.")
  var clientSecret = "demo"

  @Option(help: "The Location form of create answers: absolute (…/Type/id/_history/1) or relative (/Type/id).")
  var location: String = "absolute"

  @Option(help: "canvas (Canvas's search parameters only) or r4 (also _lastUpdated, _sort and conditional create).")
  var flavor: String = "canvas"

  @Flag(help: "Print each FHIR request as it comes (method, path and query), to see what a client asks.")
  var logRequests = false

  @Option(help: "The order Communication search lists results in: oldest (ingestion order) or newest first.")
  var order = "oldest"

  @Option(help: "The companion plugin's api-key (its API under /plugin-io/api/clinbox_companion); none: not installed.")
  var companionKey = "demo"

  @Flag(help: "Answer as a companion whose patient-app variables are set (/v1/info's delivery).")
  var companionDelivers = false

  @Option(help: "Every this many seconds a seeded patient writes to the demo clinician (0: never).")
  var patientWritesEvery: Double = 0

  @Option(help: "Every this many seconds the companion's sockets are all dropped, as a proxy does (0: never).")
  var dropSocketsEvery: Double = 0

  @Option(help: "The companion's changes feed refuses this many cursors (400) before it reads them again.")
  var refuseCursors = 0

  @Option(help: "Seconds the companion's changes feed waits before each answer: a slow feed.")
  var slowFeed: Double = 0

  func validate() throws {
    // The sandbox holds synthetic patient data and answers without TLS: loopback only.
    guard host == "localhost" || host.hasPrefix("127.") else {
      throw ValidationError("--host must be a loopback address (127.0.0.1)")
    }
    guard messages >= 0, messages <= 5_000_000 else {
      throw ValidationError("--messages must be between 0 and 5000000")
    }
    guard dropSocketsEvery >= 0, refuseCursors >= 0, (0...60).contains(slowFeed) else {
      throw ValidationError("--drop-sockets-every and --refuse-cursors are 0 or more; --slow-feed is 0 to 60 seconds")
    }
    guard SandboxOptions.LocationForm(rawValue: location) != nil else {
      throw ValidationError("--location must be absolute or relative")
    }
    guard SandboxOptions.Flavor(rawValue: flavor) != nil else { throw ValidationError("--flavor must be canvas or r4") }
    guard order == "oldest" || order == "newest" else { throw ValidationError("--order must be oldest or newest") }
  }

  func run() async throws {
    var options = SandboxOptions()
    options.host = host == "localhost" ? "127.0.0.1" : host
    options.port = port
    options.databasePath = db
    options.seed = seed
    options.messages = messages
    options.clientID = clientID
    options.clientSecret = clientSecret
    options.locationForm = SandboxOptions.LocationForm(rawValue: location) ?? .absoluteWithHistory
    options.flavor = SandboxOptions.Flavor(rawValue: flavor) ?? .canvas
    options.newestFirst = order == "newest"
    options.companionKey = companionKey == "none" ? nil : companionKey
    options.companionDelivers = companionDelivers
    let started = Date()
    let sandbox: SandboxServer
    do { sandbox = try SandboxServer(options: options) } catch { throw Failure("the sandbox cannot start: \(error)") }
    let url: URL
    do { url = try await sandbox.start() }
    catch { throw Failure("the sandbox cannot listen on \(host):\(port): \(error)") }
    let seeded = String(format: "%.1f", Date().timeIntervalSince(started))
    let example = "clinbox --server \(url.absoluteString) --as Practitioner/\(sandbox.demoPractitionerID) "
      + "--client-id \(options.clientID) --client-secret \(options.clientSecret)"
    printNow("""
      clinbox sandbox (\(options.flavor.rawValue) flavor) listening on \(url.absoluteString) (ready in \(seeded) s)
        client id: \(options.clientID)   client secret: \(options.clientSecret)
        token URL: \(url.absoluteString)/auth/token/
        try:       \(example)
      """ + (options.companionKey.map {
        "\n  companion: \(url.absoluteString)/plugin-io/api/clinbox_companion, api-key \($0)"
      } ?? ""))
    let writes = patientWritesEvery > 0 ? sandbox.startPatientWrites(every: patientWritesEvery) : nil
    defer { writes?.cancel() }
    let drops = dropSocketsEvery > 0 ? sandbox.news.startDrops(every: dropSocketsEvery) : nil
    defer { drops?.cancel() }
    sandbox.news.refuseCursors(refuseCursors)
    sandbox.news.feedDelay = slowFeed
    if logRequests {
      sandbox.faults.echo = { line in printNow("\(Instant.format(Date())) \(line)") }
    }
    // Stop cleanly on Ctrl-C or SIGTERM.
    signal(SIGINT, SIG_IGN); signal(SIGTERM, SIG_IGN)
    let stop = AsyncStream<Void> { continuation in
      for sig in [SIGINT, SIGTERM] {
        let source = DispatchSource.makeSignalSource(signal: sig)
        source.setEventHandler { continuation.yield() }
        source.resume()
        SignalSources.keep.append(source)
      }
    }
    for await _ in stop { break }
    await sandbox.stop()
  }
}

enum SignalSources {
  // Set once on the main thread before it parks in dispatchMain; only kept alive, never read.
  nonisolated(unsafe) static var keep: [DispatchSourceSignal] = []
}

/// A line on standard output at once (a script or a test waits for it), not when a buffer fills.
private func printNow(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
