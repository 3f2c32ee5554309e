import Foundation
import FHIR
import FHIRMapping
import Store

/// The practice's patients by name, from the server (Canvas documents `name` on Patient search, and answers
/// inactive patients too): what `c` and `m` offer beside the cached ones, so that a patient who never wrote can
/// be written to. Each is stored in the cache, so the thread and the compose pane know them at once.
public enum PatientSearch {
  public static func byName(_ name: String, client: FHIRClient, store: Store, limit: Int = 20) async throws
    -> [PatientRecord] {
    let bundle = try await client.search("Patient", [("name", name), ("_count", String(limit))])
    let found = try bundle.resources(Patient.self, named: "Patient").compactMap { SyncedPatient($0.0, raw: $0.1) }
    try await store.asyncTransaction { cache in for p in found { try cache.upsert(p) } }
    return found.map(\.record)
  }
}
