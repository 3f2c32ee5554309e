import ArgumentParser
import Foundation
import FHIR
import Store
import Sync

/// `clinbox send --patient <id> --text TEXT`: stores the message in the outbox, delivers it, waits for the
/// server and prints the new message's id. When it cannot be delivered it says why and exits 1 — the message
/// stays in the outbox and the next sync delivers it.
struct SendCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "send", abstract: "Queue a message to a patient and deliver it.")

  @Option(help: "The patient's id.")
  var patient: String

  @Option(help: "The message text.")
  var text: String

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  func validate() throws {
    guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw ValidationError("--text must not be empty") }
    guard !patient.isEmpty, !patient.contains("/") || patient.hasPrefix("Patient/") else {
      throw ValidationError("--patient takes the patient's id")
    }
  }

  func run() async throws {
    let s = try Settings.resolve(server, cache)
    guard let url = s.server else { throw ValidationError("send needs --server URL (or a profile with a server)") }
    guard let practitioner = s.practitionerID else { throw ValidationError("send needs --as Practitioner/<id> (or a profile with one)") }
    let patientID = patient.hasPrefix("Patient/") ? String(patient.dropFirst(8)) : patient
    let credentials = s.credentials
    let store = try Wiring.openStore(s.cachePath)
    // Stored before any network call: from here on the message cannot be lost.
    let entry = try store.queueMessage(patientID: patientID, from: "Practitioner/\(practitioner)", text: text, at: Date())
    let pusher = OutboxPusher(client: FHIRClient(server: url, credentials: credentials), store: store)
    let result: PushResult
    do { result = try await pusher.push(now: true) } catch { throw Failure("not delivered: \(error); the message is kept in the outbox") }
    if let id = result.delivered[entry.id] {
      print(id)
      return
    }
    if let reason = result.failed[entry.id] {
      throw Failure("not delivered: \(reason); the message is kept in the outbox as failed")
    }
    throw Failure("not delivered yet: \(result.stoppedBy ?? "an earlier message is still waiting"); the message is queued in the outbox and the next sync sends it")
  }
}
