import Foundation
import Clinic
import Store

extension SyncEngine {
  /// Read state from the companion's changes feed, for the acting clinician and each covered colleague, from each
  /// one's cursor: a read made in Canvas's UI — which emits no event and which FHIR never shows — or in a colleague's
  /// clinbox comes to this cache without a re-page. A cursor the plugin refuses is dropped and the feed asked from
  /// its start. Without the companion, or when it cannot be reached, nothing changes: the sync is as without it.
  func pullServerReads() async {
    guard let companion else { return }
    for staff in [me] + ((try? coveredColleagues()) ?? []) {
      let key = "companion \(staff.rawValue)"
      var since = try? store.syncValue(key)
      var retried = false
      for _ in 0..<10_000 {
        let page: CompanionChanges
        do { page = try await companion.changes(staff: staff.rawValue, since: since) } catch {
          if case CompanionTrouble.refused(400, _) = error, since != nil, !retried {
            since = nil
            retried = true
            continue
          }
          break
        }
        let reads = page.changes.filter { $0.type == "message" }.map { (MessageID(rawValue: $0.id), $0.read) }
        _ = try? store.applyServerReads(reads)
        if let next = page.next { try? store.setSyncValue(key, next); since = next }
        if !page.more { break }
      }
    }
  }
}
