import Foundation
import Testing
import FHIR
import Sandbox
import Store
@testable import Sync
import FHIRMapping

/// Sync v1 against the real sandbox over loopback HTTP, into a real cache file.
@Suite struct SyncTests {
  @Test func syncFetchesMyMessagesAndTheirPeople() async throws {
    let sandbox = try await RunningSandbox.start()
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let client = sandbox.client
    let toMe = try await total(client, [("recipient", sandbox.me.reference)])
    let fromMe = try await total(client, [("sender", sandbox.me.reference)])
    #expect(toMe > 50 && fromMe > 20, "the seed gives the demo clinician a real inbox")

    var progress: [SyncProgress] = []
    let summary = try await SyncEngine(client: client, store: store, practitionerID: sandbox.me).run { progress.append($0) }
    #expect(summary.messages == toMe + fromMe)
    let counts = try store.counts()
    #expect(counts.messages == toMe + fromMe)
    #expect(counts.patients > 5)
    #expect(progress.last?.scope == "messages from me")
    #expect(try store.lastSync() != nil)
    // Every message's patient is cached, so the list shows names, not ids.
    let rows = try store.messages(MessageQuery(), offset: 0, limit: 1000)
    #expect(rows.allSatisfy { !$0.patientName.hasPrefix("Patient ") })
    #expect(try store.count(MessageQuery(view: .unread, me: sandbox.me)) > 0)
    // HTML bodies arrive as plain text; the hostile one is kept as sent (it is made inert on screen).
    #expect(try store.count(MessageQuery()) == rows.count)
    #expect(!rows.contains { $0.text.contains("<p>") })
    #expect(rows.contains { $0.text.contains("\u{1B}]0;pwned") })

    // The seed's Canvas draft and scheduled message are in the cache, marked, and not in Sent.
    let unsent = rows.filter { $0.serverState != .sent }
    #expect(Set(unsent.map(\.serverState)) == [.draftInCanvas, .scheduled])
    #expect(try store.count(MessageQuery(view: .sent, me: sandbox.me)) == fromMe - 2)

    // A second sync changes nothing: upserts by id, never duplicates.
    _ = try await SyncEngine(client: client, store: store, practitionerID: sandbox.me).run()
    #expect(try store.counts().messages == toMe + fromMe)
    #expect(try store.integrityCheck() == "ok")
    await sandbox.stop()
  }

  @Test func pagingFollowsNextLinksWithSmallPages() async throws {
    let sandbox = try await RunningSandbox.start(messages: 120)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let summary = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me, pageSize: 7).run()
    let expected = try await total(sandbox.client, [("recipient", sandbox.me.reference)])
      + total(sandbox.client, [("sender", sandbox.me.reference)])
    #expect(summary.messages == expected)
    #expect(summary.pages >= expected / 7)
    await sandbox.stop()
  }

  @Test func wrongCredentialsAreAnAuthenticationFailure() async throws {
    let sandbox = try await RunningSandbox.start(messages: 10)
    let client = FHIRClient(server: sandbox.url, credentials: .clientCredentials(id: "demo", secret: "wrong", tokenURL: Credentials.defaultTokenURL(for: sandbox.url)))
    await #expect { try await client.metadata() ; _ = try await client.search("Communication", []) } throws: { e in
      guard case FHIRError.authenticationFailed = e else { return false }
      return true
    }
    await sandbox.stop()
  }

  @Test func unknownPractitionerIsSaidPlainly() async throws {
    let sandbox = try await RunningSandbox.start(messages: 10)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    await #expect(throws: SyncError.unknownPractitioner("00000000000000000000000000000000")) {
      _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: "00000000000000000000000000000000").run()
    }
    #expect(try store.counts().messages == 0)
    await sandbox.stop()
  }

  @Test func deadServerIsUnreachableNotAHang() async throws {
    let client = FHIRClient(server: URL(string: "http://127.0.0.1:9")!, credentials: .none, timeout: 5)
    await #expect { _ = try await client.search("Communication", []) } throws: { e in
      guard case FHIRError.unreachable(_, let reason) = e else { return false }
      return reason == "connection refused"
    }
  }

  @Test func seedsAreDeterministic() async throws {
    let a = try SandboxServer(options: { var o = SandboxOptions(); o.messages = 50; o.seed = 7; return o }())
    let b = try SandboxServer(options: { var o = SandboxOptions(); o.messages = 50; o.seed = 7; return o }())
    let c = try SandboxServer(options: { var o = SandboxOptions(); o.messages = 50; o.seed = 8; return o }())
    #expect(a.demoPractitionerID == b.demoPractitionerID)
    #expect(a.demoPractitionerID != c.demoPractitionerID)
    await a.stop(); await b.stop(); await c.stop()
  }
}
