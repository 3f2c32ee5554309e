import ArgumentParser
import ClinicActs
import Foundation
import Clinic
import FHIR
import FHIRMapping
import Store
import Sync

/// `clinbox record --patient <id> --for Practitioner/<id> --text TEXT`: a patient's message taken by phone or at
/// the desk, put in a colleague's inbox — a Communication from the Patient to that Practitioner, without
/// `received`, through the outbox (looked for before any retry). Its text opens with who took it and when
/// (`RecordPrefix`), so the colleague and Canvas read it as recorded by the acting clinician.
struct RecordCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record", abstract: "Record a patient's message (taken by phone) for a staff member's inbox.")

  @Option(help: "The patient's id.")
  var patient: String

  @Option(name: .customLong("for"), help: "The staff member it is for: Practitioner/<id> (schedulable or not).")
  var recipient: String

  @Option(help: "What the patient said.")
  var text: String

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  func validate() throws {
    if text.trimmingCharacters(in: .whitespacesAndNewlines)
        .isEmpty { throw ValidationError("--text must not be empty") }
    guard StaffID(typed: recipient) != nil else { throw ValidationError("--for takes Practitioner/<id>") }
  }

  func run() async throws {
    let s = try Settings.resolve(server, cache)
    guard let url = s.server else { throw ValidationError("record needs --server URL (or a profile with a server)") }
    guard let me = s.practitionerID else { throw ValidationError("record needs --as Practitioner/<id>") }
    let patientID = try Settings.parsePatient(patient)
    guard let staffID = StaffID(typed: recipient) else { throw ValidationError("--for takes Practitioner/<id>") }
    let store = try Wiring.openStore(s)
    let client = FHIRClient(server: url, credentials: s.credentials)
    try await SendCommand.ensurePatientExists(patientID, store: store, client: client)
    let colleague = try await staffMember(staffID, store: store, client: client, missing: "--for")
    _ = try await staffMember(me, store: store, client: client, missing: "--as")
    // Stored before any network call.
    let entry = try Wiring.acts(store, s, by: me).record(text, from: patientID, for: colleague.id,
                                                         prefix: s.recordPrefix, at: Date(), timeZone: .current)
    print(try await PushNow.deliver(entry, what: "message", client: client, store: store))
  }

  /// A staff member from the cache, else from the server; one the server does not know is refused before anything
  /// is queued.
  func staffMember(_ id: StaffID, store: Store,
                   client: FHIRClient, missing option: String) async throws -> StaffMember {
    if let cached = try store.staffMember(id: id) { return cached }
    do {
      let (p, raw) = try await client.read(Practitioner.self, "Practitioner", id: id.rawValue)
      guard let staff = SyncedStaff(p, raw: raw) else { throw FHIRError.notFound(id.reference) }
      try store.transaction { try $0.upsert(staff) }
      return staff.member
    } catch FHIRError.notFound {
      throw Failure("the server has no \(id.reference) (\(option)): nothing was queued")
    }
  }
}
