import Foundation
import Clinic
import FHIR
import Store
import Sync

/// A headless command's write, delivered at once: the server's id, or a failure that says where the write is —
/// refused (kept as failed), or still queued for the next sync.
enum PushNow {
  static func deliver(_ entry: OutboxEntry, what: String, client: FHIRClient, store: Store) async throws -> String {
    let result: PushResult
    do { result = try await OutboxPusher(client: client, store: store).push(now: true) } catch {
      throw Failure("not delivered: \(error); the \(what) is kept in the outbox")
    }
    if let id = result.delivered[entry.id] { return id }
    if let reason = result.failed[entry.id] { throw Failure("the server refused the \(what): \(reason)") }
    throw Failure("not delivered yet: \(result.stoppedBy ?? "an earlier write is still waiting"); "
                    + "the \(what) is queued in the outbox and the next sync sends it")
  }
}
