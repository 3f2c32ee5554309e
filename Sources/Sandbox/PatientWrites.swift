import Foundation
import GRDB

/// `--patient-writes-every`: now and then a seeded patient writes to the demo clinician, as patients write through
/// their app (a Communication created, unread), so that a newcomer to `clinbox demo` sees news arrive while looking.
extension SandboxServer {
  /// Starts the writing; cancel the task to stop it.
  public func startPatientWrites(every seconds: TimeInterval) -> Task<Void, Never> {
    Task { [self] in
      var n = 0
      while !Task.isCancelled {
        try? await Task.sleep(nanoseconds: UInt64(max(0.05, seconds) * 1_000_000_000))
        if Task.isCancelled { break }
        n += 1
        try? writeAsPatient(n)
      }
    }
  }

  /// The `n`th patient's message: a seeded patient, a seeded patient's words, to the demo clinician, now.
  func writeAsPatient(_ n: Int) throws {
    let patients: Int = store.value("SELECT COUNT(*) FROM patient", []) ?? 0
    guard patients > 0, let patient: String = store.value("SELECT id FROM patient ORDER BY seq LIMIT 1 OFFSET ?",
                                                         [n % patients]) else { return }
    let at = Date(), now = at.timeIntervalSince1970
    let words = SeedData.patientMessages[n % SeedData.patientMessages.count]
    let id = UUID().uuidString.lowercased(), me = "Practitioner/\(demoPractitionerID)"
    try store.pool.write { db in
      try db.execute(sql: """
        INSERT INTO communication (id, patient, sender, recipient, sent, received, status, body, updated)
        VALUES (?, ?, ?, ?, ?, NULL, 'completed', ?, ?)
        """, arguments: [id, patient, "Patient/\(patient)", me, now, words, now])
    }
    tellOfMessage(id, sender: "Patient/\(patient)", recipient: me, at: at)
  }
}
