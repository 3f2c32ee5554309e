import Foundation
import FHIR
import Sandbox
import Store

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
  var me: String { server.demoPractitionerID }

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
