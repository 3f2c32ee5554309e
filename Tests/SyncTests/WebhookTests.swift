import Crypto
import Foundation
import Testing
import FlyingFox
import FHIR
import Sandbox
import Store
@testable import Sync
import FlyingSocks
import FHIRMapping

/// A webhook receiver on loopback that records what it gets and answers as told.
final class Receiver: @unchecked Sendable {
  struct Hit { let body: Data; let deliveryID: String; let signature: String; let status: Int }
  let server: HTTPServer
  var task: Task<Void, Error>?
  private let lock = NSLock()
  private var answers: [Int]
  private var log: [Hit] = []
  var url: URL!

  init(answers: [Int]) async throws {
    self.answers = answers
    server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
    await server.appendRoute("POST /hook") { [self] request in
      let body = try await request.bodyData
      let status = self.lock.withLock { self.answers.isEmpty ? 200 : self.answers.removeFirst() }
      lock.withLock {
        log.append(Hit(body: body, deliveryID: request.headers[HTTPHeader("X-Clinbox-Delivery")] ?? "",
                       signature: request.headers[HTTPHeader("X-Clinbox-Signature")] ?? "", status: status))
      }
      return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: "Status"))
    }
    task = Task { try await server.run() }
    try await server.waitUntilListening()
    guard case .ip4(_, let port)? = await server.listeningAddress else { throw HarnessFailure.noPort }
    url = URL(string: "http://127.0.0.1:\(port)/hook")
  }

  var hits: [Hit] { lock.withLock { log } }

  func stop() async { await server.stop(timeout: 1); task?.cancel() }

  enum HarnessFailure: Error { case noPort }
}

@Suite struct WebhookTests {
  static let secret = "s3cret-for-tests"

  func valid(_ hit: Receiver.Hit) -> Bool {
    let mac = HMAC<SHA256>.authenticationCode(for: hit.body, using: SymmetricKey(data: Data(Self.secret.utf8)))
    return hit.signature == "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
  }

  @Test func aSentMessageReachesTheAppOnceSignedEvenAfterTwo500s() async throws {
    let sandbox = try await RunningSandbox.start(messages: 30)
    let receiver = try await Receiver(answers: [500, 500])
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let b = try await sandbox.client.search("Communication", [("recipient", sandbox.me.reference), ("_count", "1")])
    let patient = PatientID(rawValue: try #require(try b.resources(Communication.self, named: "Communication").first?.0.patient?.id))
    let entry = try store.queueMessage(patientID: patient, from: sandbox.me, text: "Your results are normal.", at: Date())
    let pushed = try await OutboxPusher(client: sandbox.client, store: store, webhook: receiver.url).push()
    let id = try #require(pushed.delivered[entry.id])
    let sender = WebhookSender(client: sandbox.client, store: store, url: receiver.url, secret: Self.secret,
                               backoff: RetryPolicy(attempts: 1, base: 0, cap: 0))
    for _ in 0..<5 { try await sender.deliver() }   // 500, 500, then 200; later rounds send nothing more
    let hits = receiver.hits
    #expect(hits.map(\.status) == [500, 500, 200])
    #expect(Set(hits.map(\.deliveryID)) == [id],
            "one delivery id on every attempt: the Communication's, as the companion plugin sends it")
    #expect(hits.allSatisfy(valid), "every body is signed with the secret")
    let delivered = try FHIRJSON.decoder.decode(Communication.self, from: hits.last!.body)
    #expect(delivered.id == id && delivered.text == "Your results are normal.", "the Communication as the server returns it")
    #expect(delivered.sender?.relative == sandbox.me.reference && delivered.recipient?.first?.relative == "Patient/\(patient)")
    #expect(try store.delivery(forMessage: MessageID(rawValue: id))?.state == "delivered")
    let shown = try #require(try store.thread(patientID: patient).first { $0.id.rawValue == id })
    #expect(shown.appDelivery?.state == .delivered && shown.appDelivery?.deliveredAt != nil, "the thread can say it reached the app")
    await receiver.stop()
    await sandbox.stop()
  }

  @Test func onlyWhatClinboxSentAndThePatientWasSentReachesTheApp() async throws {
    let sandbox = try await RunningSandbox.start(messages: 30)
    let receiver = try await Receiver(answers: [])
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    // The cache holds the patients' messages too; none of them may go to the app.
    _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me).run()
    let patientMessages = try store.count(MessageQuery(view: .unread, me: sandbox.me))
    #expect(patientMessages > 0)
    let patient = try #require(try store.messages(MessageQuery(view: .unread), offset: 0, limit: 1).first?.patientID)
    let sent = try store.queueMessage(patientID: patient, from: sandbox.me, text: "Sent for real", at: Date())
    let drafted = try store.queueMessage(patientID: patient, from: sandbox.me, text: "Kept as a draft", at: Date())
    let pushed = try await OutboxPusher(client: sandbox.client, store: store, webhook: receiver.url).push()
    let sentID = try #require(pushed.delivered[sent.id])
    let draftID = try #require(pushed.delivered[drafted.id])
    // As Canvas once did with messages created through the API: the server keeps this one as a draft.
    try sandbox.server.setStatus(communicationID: draftID, "preparation")
    let sender = WebhookSender(client: sandbox.client, store: store, url: receiver.url, secret: nil,
                               backoff: RetryPolicy(attempts: 1, base: 0, cap: 0))
    for _ in 0..<3 { try await sender.deliver() }
    let delivered = try receiver.hits.map { try FHIRJSON.decoder.decode(Communication.self, from: $0.body) }
    #expect(delivered.map(\.id) == [sentID], "one message reached the app: the one the patient was sent")
    #expect(try store.delivery(forMessage: MessageID(rawValue: draftID))?.lastError == "not sent: a draft in Canvas")
    await receiver.stop()
    await sandbox.stop()
  }
}
