import ArgumentParser
import Foundation
import Clinic
import FHIR
import FHIRMapping
import Store
import Sync

/// `clinbox webhook test`: sends a sample Communication to the configured delivery webhook and says what it
/// answered.
struct WebhookCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "webhook", abstract: "The delivery webhook.",
                                                  subcommands: [Test.self])

  struct Test: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test",
                                                    abstract: "Send a sample to the configured webhook.")
    @OptionGroup var server: ServerOptions
    @OptionGroup var cache: CacheOptions

    func run() async throws {
      let s = try Settings.resolve(server, cache)
      guard let url = s.webhookURL else {
        throw Failure("no webhook configured: set [profiles.NAME.webhook] url, or CLINBOX_WEBHOOK_URL")
      }
      let patient = Reference(reference: PatientID(rawValue: "sample").reference, type: "Patient")
      let sample = Communication(id: "clinbox-webhook-test", status: "completed", subject: patient,
                                 sent: Instant.format(Date()), recipient: [patient],
                                 sender: Reference(reference: StaffID(rawValue: "sample").reference,
                                                   type: "Practitioner"),
                                 text: "A test from clinbox: your delivery webhook works.")
      let nowhere = FHIRClient(server: URL(string: "http://127.0.0.1")!, credentials: .none)
      let sender = WebhookSender(client: nowhere, store: try Wiring.openStore(s), url: url, secret: s.webhookSecret)
      let status: Int
      let deliveryID = "test-\(UUID().uuidString.lowercased())"
      do { status = try await sender.post(try FHIRJSON.encoder.encode(sample), deliveryID: deliveryID) }
      catch { throw Failure("\(error)") }
      guard (200...299).contains(status) else {
        throw Failure("the webhook at \(url.absoluteString) answered \(status)")
      }
      let signed = s.webhookSecret == nil ? " (unsigned: no secret configured)" : ", signed"
      print("the webhook at \(url.absoluteString) answered \(status)\(signed)")
    }
  }
}
