import Foundation
import Testing
@testable import FHIR

/// A create is sent once by the HTTP layer, whatever happens to the connection: only the outbox decides, after
/// looking, whether to send it again. libcurl (under URLSession) replayed a POST on a dead reused connection 30 s
/// later — on a server with no idempotency, a patient's message twice.
@Suite struct NoReplayTests {
  @Test func aCreateCommittedThenDroppedReachesTheServerOnce() async throws {
    let server = try DroppingServer()
    defer { server.stop() }
    let client = FHIRClient(server: URL(string: "http://127.0.0.1:\(server.port)")!, credentials: .none, timeout: 10)
    _ = try await client.metadata()   // the connection the create then reuses
    let message = Communication(recipient: [Reference(reference: "Practitioner/p1")],
                                sender: Reference(reference: "Patient/a1"), text: "Sent once, whatever happens")
    await #expect(throws: FHIRError.self, "the answer never came: the outbox is told, and looks before any retry") {
      _ = try await client.create(message, type: "Communication")
    }
    #expect(server.received.count == 1 && server.postsBegun == 1)
    // libcurl's replay came 30 s after the drop: nothing may arrive then either.
    try await Task.sleep(nanoseconds: 35_000_000_000)
    #expect(server.postsBegun == 1, "one POST, also 35 s later")
    #expect(server.received.first.map { String(decoding: $0, as: UTF8.self) }?.contains("Sent once") == true)
  }
}
