import Foundation
import Clinic
import FHIR
import FHIRMapping
import Store

extension OutboxPusher {
  /// Writes queued reads back through the companion, each apart: one the plugin refuses for good (not the
  /// recipient's, a message gone) is dropped with its reason; one that may pass later waits its backoff. A push
  /// without the companion (a command run without the profile's key) leaves them for one with it.
  func pushReads(_ reads: [OutboxEntry], asked: Bool) async throws -> Int {
    var written = 0
    for entry in reads {
      guard case .read(let read)? = entry.intent, let staff = Party(reference: entry.sender).staffID else {
        try store.dropRead(entry.id, because: "not a read clinbox can write", at: now())
        continue
      }
      guard let companion else { continue }
      if !asked && entry.nextAttempt > now() { continue }
      do {
        try await companion.setRead(entry.recipient, read: read, staff: staff.rawValue)
        try store.markDelivered(entry.id, at: now())
        written += 1
      } catch CompanionTrouble.refused(let status, let why) {
        try store.dropRead(entry.id, because: "\(status): \(why)", at: now())
      } catch {
        let next = now().addingTimeInterval(backoff.delay(after: min(entry.attempts, 8), retryAfter: nil))
        try store.markRetry(entry.id, error: "\(error)", mayExist: false, next: next, at: now())
      }
    }
    return written
  }
}
