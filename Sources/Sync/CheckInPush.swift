import Foundation
import FHIR
import FHIRMapping
import Store

extension OutboxPusher {
  /// Creates a recorded check-in — after looking for it first when an earlier attempt may have landed: the
  /// patient's responses to the same form, authored at the same instant (to the second), with the same answers.
  func pushCheckIn(_ entry: OutboxEntry) async throws -> String {
    guard case .checkIn(let checkIn)? = entry.intent else {
      throw FHIRError.malformed("a queued check-in could not be read")
    }
    let response = CheckInWrite(checkIn, patientID: entry.patientID).response
    if entry.mayExist || entry.state == .sending, let id = try await findCheckIn(response, patientID: entry.patientID) {
      try store.checkInDelivered(outboxID: entry.id, serverID: id, at: now())
      return id
    }
    try store.markSending(entry.id, at: now())
    let id = try await client.create(response, type: "QuestionnaireResponse")
    try store.checkInDelivered(outboxID: entry.id, serverID: id, at: now())
    return id
  }

  func findCheckIn(_ wanted: QuestionnaireResponse, patientID: PatientID) async throws -> String? {
    guard let authored = wanted.authored.flatMap(Instant.parse) else { return nil }
    let search = [("patient", patientID.reference), ("_sort", "-authored"), ("_count", "100")]
    for try await bundle in client.pages("QuestionnaireResponse", search) {
      for (r, _) in bundle.decodable(QuestionnaireResponse.self, named: "QuestionnaireResponse").resources {
        guard r.questionnaireID == wanted.questionnaireID, let id = r.id,
              let at = r.authored.flatMap(Instant.parse), abs(at.timeIntervalSince(authored)) < 1,
              Self.sameAnswers(r, wanted) else { continue }
        return id
      }
    }
    return nil
  }

  /// The answers compared by question and value (the server may leave `text` out).
  static func sameAnswers(_ a: QuestionnaireResponse, _ b: QuestionnaireResponse) -> Bool {
    func key(_ r: QuestionnaireResponse) -> [String] {
      (r.item ?? []).map { item in
        item.linkId + "=" + (item.answer ?? [])
            .map { $0.valueCoding?.code ?? $0.valueString ?? "\($0.valueDecimal ?? 0)" }
          .joined(separator: ",")
      }.sorted()
    }
    return key(a) == key(b)
  }
}
