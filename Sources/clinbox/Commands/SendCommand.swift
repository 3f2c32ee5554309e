import ArgumentParser
import ClinicActs
import Foundation
import FHIR
import FHIRMapping
import Store
import Sync
import Templates

/// `clinbox send --patient <id> (--text TEXT | --template NAME [--var KEY=VALUE]…)`: fills the template, stores
/// the message in the outbox, delivers it, waits for the server (and the delivery webhook, when configured) and
/// prints the new message's id. When it cannot be delivered it says why and exits 1 — the message stays in the
/// outbox and the next sync delivers it.
struct SendCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "send",
                                                  abstract: "Queue a message to a patient and deliver it.")

  @Option(help: "The patient's id.")
  var patient: String

  @Option(help: "The message text.")
  var text: String?

  @Option(help: "A template's name (its file name without .mustache); see clinbox templates.")
  var template: String?

  @Option(name: .customLong("var"), help: "A placeholder's value, KEY=VALUE (e.g. appointment.when=\"Thursday 9:30\").")
  var vars: [String] = []

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  func validate() throws {
    guard (text == nil) != (template == nil) else { throw ValidationError("give --text or --template, "
                                                                          + "not both and not neither") }
    if let text, text.trimmingCharacters(in: .whitespacesAndNewlines)
        .isEmpty { throw ValidationError("--text must not be empty") }
    _ = try Settings.parsePatient(patient)
    for v in vars where !v.contains("=") { throw ValidationError("--var takes KEY=VALUE, not \(v)") }
  }

  func run() async throws {
    let s = try Settings.resolve(server, cache)
    guard let url = s.server else { throw ValidationError("send needs --server URL (or a profile with a server)") }
    guard let practitioner = s.practitionerID else { throw ValidationError("send needs --as Practitioner/<id> (or a "
                                                                           + "profile with one)") }
    let patientID = try Settings.parsePatient(patient)
    let store = try Wiring.openStore(s)
    let client = FHIRClient(server: url, credentials: s.credentials)
    try await Self.ensurePatientExists(patientID, store: store, client: client)
    var body = text ?? ""
    if let template {
      body = try await Compose.fill(template: template, patientID: patientID, practitionerID: practitioner, vars: vars,
                                    settings: s, store: store, client: client)
    }
    // Stored before any network call: from here on the message cannot be lost.
    let entry = try Wiring.acts(store, s, by: practitioner).send(body, to: patientID, at: Date())
    let pusher = OutboxPusher(client: client, store: store, webhook: s.webhookURL, companion: s.companion?.client)
    let result: PushResult
    do { result = try await pusher.push(now: true) } catch {
      throw Failure("not delivered: \(error); the message is kept in the outbox")
    }
    if let id = result.delivered[entry.id] {
      if let hook = s.webhookURL {
        let (_, problem) = try await WebhookSender(client: client, store: store, url: hook, secret: s.webhookSecret)
            .deliver()
        if let problem {
          let words = "clinbox: sent, but not yet delivered to the app: \(problem); the next sync retries\n"
          FileHandle.standardError.write(Data(words.utf8))
        }
      }
      print(id)
      return
    }
    if let reason = result.failed[entry.id] {
      throw Failure("not delivered: \(reason); the message is kept in the outbox as failed")
    }
    let waiting = result.stoppedBy ?? "an earlier message is still waiting"
    throw Failure("not delivered yet: \(waiting); the message is queued in the outbox and the next sync sends it")
  }

  /// A message to a patient the server does not know would fail in the outbox after it was accepted here:
  /// refuse it before anything is queued. A patient in the cache came from the server.
  static func ensurePatientExists(_ id: PatientID, store: Store, client: FHIRClient) async throws {
    guard try store.patient(id: id) == nil else { return }
    do {
      let (patient, raw) = try await client.read(Patient.self, "Patient", id: id.rawValue)
      if let known = SyncedPatient(patient, raw: raw) { try store.transaction { try $0.upsert(known) } }
    } catch FHIRError.notFound {
      throw Failure("the server has no \(id.reference): nothing was queued (clinbox list --json shows patients' ids)")
    } catch {
      throw Failure("cannot check that \(id.reference) exists (\(error)): nothing was queued")
    }
  }
}
