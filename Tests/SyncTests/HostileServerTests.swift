import Foundation
import Testing
import FlyingFox
import FHIR
import Store
@testable import Sync
import FlyingSocks

/// A server that sends what a real one might on a bad day: malformed resources, messages with no patient,
/// hostile names. The sync keeps what it can read, says how much it skipped, and never crashes.
@Suite struct HostileServerTests {
  static let page = """
    {"resourceType": "Bundle", "type": "searchset", "total": 4, "entry": [
      {"resource": {"resourceType": "Communication", "id": "good", "status": "completed", "sent": "2026-11-01T10:00:00Z",
        "sender": {"reference": "Patient/p1"}, "recipient": [{"reference": "Practitioner/doc"}],
        "payload": [{"contentString": "<p>Hello &amp; thanks</p>"}]}},
      {"resource": {"resourceType": "Communication", "id": "bad-types", "sent": 42, "payload": "not a list"}},
      {"resource": {"resourceType": "Communication", "id": "no-patient", "sender": {"reference": "Practitioner/doc"},
        "recipient": [{"reference": "Practitioner/other"}], "payload": [{"contentString": "staff to staff"}]}},
      {"resource": {"resourceType": "OperationOutcome", "issue": [{"severity": "information", "code": "informational"}]}}
    ]}
    """

  @Test func malformedEntriesAreSkippedNotFatal() async throws {
    let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
    await server.appendRoute("*") { request in
      let json: String
      switch request.path {
      case "/Practitioner/doc": json = #"{"resourceType": "Practitioner", "id": "doc", "name": [{"text": "Dr \u001b]0;x\u0007 Who"}]}"#
      case "/Patient/p1": json = #"{"resourceType": "Patient", "id": "p1", "name": [{"use": "official", "family": "Roe\u202e", "given": ["Ann"]}]}"#
      case "/Communication": json = Self.page
      default:
        return HTTPResponse(statusCode: .notFound, headers: [HTTPHeader("Content-Type"): "application/fhir+json"],
                            body: Data(#"{"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "not-found"}]}"#.utf8))
      }
      return HTTPResponse(statusCode: .ok, headers: [HTTPHeader("Content-Type"): "application/fhir+json"], body: Data(json.utf8))
    }
    let task = Task { try await server.run() }
    try await server.waitUntilListening()
    guard case .ip4(_, let port)? = await server.listeningAddress else { Issue.record("no port"); return }
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let client = FHIRClient(server: URL(string: "http://127.0.0.1:\(port)")!, credentials: .none, timeout: 5)
    let summary = try await SyncEngine(client: client, store: store, practitionerID: "doc").run()
    #expect(try store.counts().messages == 1)
    #expect(summary.skipped == 4, "two unreadable entries in each of the two scopes")
    let m = try #require(try store.messages(MessageQuery(), offset: 0, limit: 10).first)
    #expect(m.text == "Hello & thanks")
    #expect(m.patientName.contains("Ann Roe"), "the hostile name is stored as sent; the screen makes it inert")
    #expect(try store.integrityCheck() == "ok")
    await server.stop(timeout: 1)
    task.cancel()
  }

  @Test func truncatedJSONIsAClearError() async throws {
    let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
    let asked = Counter()
    await server.appendRoute("*") { _ in
      asked.increment()
      return HTTPResponse(statusCode: .ok, headers: [HTTPHeader("Content-Type"): "application/fhir+json"],
                   body: Data(#"{"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Communic"#.utf8))
    }
    let task = Task { try await server.run() }
    try await server.waitUntilListening()
    guard case .ip4(_, let port)? = await server.listeningAddress else { Issue.record("no port"); return }
    let client = FHIRClient(server: URL(string: "http://127.0.0.1:\(port)")!, credentials: .none, timeout: 5,
                            retry: RetryPolicy(attempts: 3, sleep: { _ in }))
    await #expect { _ = try await client.search("Communication", []) } throws: { e in
      guard case FHIRError.malformed(let why) = e else { return false }
      return why.contains("not valid JSON")
    }
    #expect(asked.value == 3, "a cut-off page is asked for again, like a 503, before it is an error")
    await server.stop(timeout: 1)
    task.cancel()
  }
}

/// A count shared with a server's handler.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var n = 0
  func increment() { lock.withLock { n += 1 } }
  var value: Int { lock.withLock { n } }
}

/// A server that refuses a Communication search with no filter (Canvas does not document one): Any staff stays
/// empty and everything else syncs.
@Suite struct UnfilteredSearchRefusedTests {
  @Test func anyStaffRefusedLeavesTheRestOfTheSync() async throws {
    let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
    let fhir = [HTTPHeader("Content-Type"): "application/fhir+json"]
    await server.appendRoute("*") { request in
      let filtered = request.query.contains { ["recipient", "sender", "patient"].contains($0.name) }
      switch request.path {
      case "/Practitioner/doc":
        return HTTPResponse(statusCode: .ok, headers: fhir, body: Data(#"{"resourceType": "Practitioner", "id": "doc"}"#.utf8))
      case "/Patient/p1":
        return HTTPResponse(statusCode: .ok, headers: fhir, body: Data(#"{"resourceType": "Patient", "id": "p1"}"#.utf8))
      case "/Communication" where filtered:
        return HTTPResponse(statusCode: .ok, headers: fhir, body: Data(HostileServerTests.page.utf8))
      case "/Communication":
        return HTTPResponse(statusCode: .badRequest, headers: fhir, body: Data("""
          {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "required"}]}
          """.utf8))
      default:
        return HTTPResponse(statusCode: .notFound, headers: fhir, body: Data("""
          {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "not-found"}]}
          """.utf8))
      }
    }
    let task = Task { try await server.run() }
    defer { task.cancel() }
    try await server.waitUntilListening()
    guard case .ip4(_, let port)? = await server.listeningAddress else { Issue.record("no port"); return }
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    try store.setSyncsAnyStaff(true)
    let client = FHIRClient(server: URL(string: "http://127.0.0.1:\(port)")!, credentials: .none, timeout: 5)
    _ = try await SyncEngine(client: client, store: store, practitionerID: "doc").run()
    #expect(try store.counts().messages == 1, "the filtered scopes synced")
    #expect(try store.lastSync() != nil, "the sync completed")
  }
}
