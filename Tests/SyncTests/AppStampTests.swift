import Foundation
import Testing
import Clinic
import FHIR
import FHIRMapping
import Store
@testable import Sync

/// Canvas's demo patient app creates a patient's message with `received` equal to `sent`: a stamp, not a reader.
/// Such a message stays unread until a person opens it (here, or in Canvas, which records a later `received`).
@Suite struct AppStampTests {
  @Test func aMessageStampedReceivedByTheAppIsUnreadUntilOpened() async throws {
    let sandbox = try await RunningSandbox.start(messages: 40)
    defer { Task { await sandbox.stop() } }
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let b = try await sandbox.client.search("Communication", [("recipient", sandbox.me.reference), ("_count", "1")])
    let patient = PatientID(rawValue: try #require(try b.resources(Communication.self, named: "Communication").first?.0.patient?.id))
    // As the app sends it: status unknown, millisecond Z times, references without `type`, received = sent.
    let sent = Date().addingTimeInterval(-60)
    let stamp = Instant.format(sent)
    func create(_ text: String, received: String?) async throws -> MessageID {
      var c = Communication(status: "unknown", sent: stamp, received: received,
                            recipient: [Reference(reference: sandbox.me.reference)],
                            sender: Reference(reference: "Patient/\(patient)"), text: text)
      c.recipient?[0].type = nil
      return MessageID(rawValue: try await sandbox.client.create(c, type: "Communication"))
    }
    let fromApp = try await create("Is my lab result back?<br>Thanks, Maria", received: stamp)
    let readInCanvas = try await create("Thank you doctor", received: Instant.format(sent.addingTimeInterval(600)))
    _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me).run()

    let unread = MessageQuery(view: .unread, me: sandbox.me)
    let unreadIDs = Set(try store.messages(unread, offset: 0, limit: 500).map(\.id))
    #expect(unreadIDs.contains(fromApp), "received = sent is the app's stamp: nobody has read it")
    #expect(!unreadIDs.contains(readInCanvas), "a received minutes after sent is a person's read in Canvas")
    let thread = try store.thread(patientID: patient)
    let app = try #require(thread.first { $0.id == fromApp })
    #expect(app.text == "Is my lab result back?\nThanks, Maria", "the app's <br> is a line break")
    #expect(app.readWhere == nil)
    #expect(thread.first { $0.id == readInCanvas }?.readWhere == .canvas)

    try store.markRead([fromApp], at: Date())
    #expect(!Set(try store.messages(unread, offset: 0, limit: 500).map(\.id)).contains(fromApp))
    #expect(try store.thread(patientID: patient).first { $0.id == fromApp }?.readWhere == .clinbox)
  }

  /// The same app may leave `payload` out: the row says so instead of showing nothing.
  @Test func aMessageWithoutPayloadShowsNoText() throws {
    let json = """
      {"resourceType": "Communication", "id": "c1", "status": "completed", "sent": "2026-12-01T10:00:00.000Z",
       "recipient": [{"reference": "Practitioner/abc"}], "sender": {"reference": "Patient/p1"}}
      """
    let value = try JSONParser.parse(Array(json.utf8))
    let c = try FHIRJSON.decoder.decode(Communication.self, from: Data(json.utf8))
    let m = try #require(SyncedMessage(c, raw: value))
    #expect(m.text == "(no text)")
    #expect(m.from == .patient(id: "p1") && m.to == .staff(id: "abc"), "references without type are read by their prefix")
    #expect(m.received == nil)
  }
}
