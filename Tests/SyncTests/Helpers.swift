import Foundation
import Testing
import FHIR
import FHIRMapping
import Sandbox
import Store
import Sync

/// A running sandbox on a free loopback port with its own temporary database, stopped by `stop()`.
struct RunningSandbox {
  let server: SandboxServer
  let url: URL

  static func start(messages: Int = 300, seed: UInt64 = 1, configure: (inout SandboxOptions) -> Void = { _ in }) async throws -> RunningSandbox {
    var o = SandboxOptions()
    o.messages = messages
    o.seed = seed
    configure(&o)
    let s = try SandboxServer(options: o)
    return RunningSandbox(server: s, url: try await s.start())
  }

  var credentials: Credentials {
    .clientCredentials(id: "demo", secret: "demo", tokenURL: Credentials.defaultTokenURL(for: url))
  }

  var client: FHIRClient { FHIRClient(server: url, credentials: credentials, timeout: 10) }
  var me: StaffID { StaffID(rawValue: server.demoPractitionerID) }

  func stop() async { await server.stop() }
}

func temporaryStore() throws -> (Store, URL) {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-test-\(UUID().uuidString)")
  return (try Store(path: dir.appendingPathComponent("cache.sqlite").path), dir)
}

/// How many Communications a search finds, from its `total`.
func total(_ client: FHIRClient, _ params: [(String, String)]) async throws -> Int {
  try await client.search("Communication", params + [("_count", "1")]).total ?? -1
}

/// A new message from one of the demo clinician's patients to them, created on the sandbox; its id.
func newPatientMessage(_ sandbox: RunningSandbox, text: String) async throws -> MessageID {
  let b = try await sandbox.client.search("Communication", [("recipient", sandbox.me.reference), ("_count", "1")])
  let patient = PatientID(rawValue: try #require(try b.resources(Communication.self, named: "Communication").first?.0.patient?.id))
  let c = Communication(recipient: [Reference(reference: sandbox.me.reference)], sender: Reference(reference: "Patient/\(patient)"), text: text)
  return MessageID(rawValue: try await sandbox.client.create(c, type: "Communication"))
}

/// Reads the server's capabilities into a client with a short timeout, trying again while the machine is busy:
/// a pusher sends nothing until it knows whether the server offers conditional create.
func knowCapabilities(_ client: FHIRClient) async throws {
  for attempt in 1...5 {
    do { _ = try await client.capabilities(); return } catch where attempt < 5 { continue }
  }
}

/// A fresh cache synced once from the sandbox as its demo clinician: the store, its folder (to remove), the engine.
func syncedStore(_ sandbox: RunningSandbox) async throws -> (store: Store, dir: URL, engine: SyncEngine) {
  let (store, dir) = try temporaryStore()
  let engine = SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me)
  _ = try await engine.run()
  return (store, dir, engine)
}
