import Foundation
import Testing
import Sandbox
@testable import Sync

/// clinbox's client of the companion plugin's `/v1/info`, against the sandbox serving the contract on loopback.
@Suite struct CompanionClientTests {
  func client(_ sandbox: RunningSandbox, key: String) -> CompanionClient {
    CompanionClient(base: CompanionClient.base(forFHIR: sandbox.url), key: key, timeout: 30)
  }

  @Test func theInstancesPluginIsFoundBesideItsFHIRServer() {
    let canvas = URL(string: "https://fumage-riverside.canvasmedical.com")!
    #expect(CompanionClient.base(forFHIR: canvas).absoluteString
              == "https://riverside.canvasmedical.com/plugin-io/api/clinbox_companion")
  }

  @Test func infoSaysWhatIsInstalledAndAWrongKeyOrNoPluginIsSaidPlainly() async throws {
    let sandbox = try await RunningSandbox.start(messages: 5)
    let info = try await client(sandbox, key: "demo").info()
    #expect(info == CompanionInfo(plugin: "clinbox_companion", version: "0.1.0", api: 1, delivery: false))
    await #expect(throws: CompanionTrouble.keyRefused) { try await client(sandbox, key: "demo2").info() }
    await #expect(throws: CompanionTrouble.keyRefused) { try await client(sandbox, key: "").info() }
    await sandbox.stop()

    let bare = try await RunningSandbox.start(messages: 5) { $0.companionKey = nil }
    await #expect(throws: CompanionTrouble.notInstalled) { try await client(bare, key: "demo").info() }
    await bare.stop()

    let delivering = try await RunningSandbox.start(messages: 5) { $0.companionDelivers = true }
    #expect(try await client(delivering, key: "demo").info().delivery)
    await delivering.stop()
  }
}
