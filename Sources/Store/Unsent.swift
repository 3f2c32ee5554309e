import Foundation
import GRDB
import Clinic
import FHIRMapping

extension Store {
  /// What the outbox still holds that has not reached the server (queued, being sent, refused), oldest first, with
  /// the patient each is about: what quitting, the next start and `list --view outbox` name.
  public func unsentWrites() throws -> [UnsentWrite] {
    try read { db in
      try Row.fetchAll(db, sql: """
        SELECT o.kind, o.sender, o.state, o.patient_id, p.given, p.family FROM outbox o
        LEFT JOIN patient p ON p.id = o.patient_id
        WHERE o.state IN ('queued', 'sending', 'failed') AND o.kind <> 'read' ORDER BY o.id
        """).map { r in
        let name = PersonName.patient(given: r["given"], family: r["family"], id: r["patient_id"])
        let kind: UnsentWrite.Kind
        switch OutboxKind(rawValue: r["kind"]) ?? .message {
        case .message: kind = Party(reference: r["sender"]).isPatient ? .phoneMessage : .reply
        case .task, .taskStatus: kind = .routing
        case .checkIn: kind = .checkIn
        case .read: kind = .routing   // never: reads are not among the writes a clinician waits for
        }
        return UnsentWrite(kind: kind, patientName: name, failed: r["state"] == "failed")
      }
    }
  }
}
