import Audit
import Clinic
import FHIRMapping
import Foundation
import InboxApp
import Store

extension StoreEffects {
  public func audit(to trail: AuditTrail?, profile: String) {
    if let trail { audit = (trail, profile); return }
    auditProfile = profile
    openOwnTrail()
  }

  /// The cache's own trail, chained with the cache's key: opened when the cache can be written (a cache that only
  /// reads cannot keep a trail beside it either).
  func openOwnTrail() {
    guard let profile = auditProfile, store.readOnly == nil, let key = try? store.auditKey() else { return }
    audit = (AuditTrail(path: store.auditPath, key: key), profile)
  }

  /// Records what an effect did for the clinician in the audit trail, once it is done: patient and message ids,
  /// a routing's owner, a search's length — never a name or a word of a message.
  func recordAudit(_ effect: Effect, _ state: AppState) throws {
    guard let audit, let practitioner = (state.status.actingID ?? state.inbox.query.me)?.reference,
          let (action, patient, detail) = Self.audited(effect, state) else { return }
    auditBacklog.append(AuditEvent(at: state.now, profile: audit.profile, practitioner: practitioner,
                                   action: action, patient: patient, detail: detail))
    try flushAudit()
  }

  /// Writes the events the trail has not taken yet, in order; stops at the first it cannot.
  func flushAudit() throws {
    guard let audit else { return }
    while let event = auditBacklog.first {
      try audit.trail.record(event)
      auditBacklog.removeFirst()
    }
  }

  /// "the audit trail could not be written (disk full: …): 2 events wait in memory until it can".
  func auditDeferred(_ error: Error) -> String {
    let cause = CacheTrouble.diskFull(near: store.path) ?? "the file refused the write"
    return "the audit trail could not be written (\(cause)): "
      + (auditBacklog.count == 1 ? "1 event waits" : "\(auditBacklog.count) events wait") + " in memory until it can"
  }

  /// What the audit trail says of an effect that is not a clinical act (those record themselves, `ClinicActs`):
  /// opening a thread, marking read or unread, locking, covering, searching. Nil for one it does not record
  /// (reads of lists, drafts, counts).
  static func audited(_ effect: Effect, _ state: AppState) -> (String, String?, [String: String])? {
    switch effect {
    case .loadThread(let patientID): return ("opened", patientID.rawValue, [:])
    case .setUnread(let id, let unread):
      return (unread ? "unread" : "read", patient(of: id, state)?.rawValue, ["message": id])
    case .noteLock(let locked): return (locked ? "locked" : "unlocked", nil, [:])
    case .setCovering(let colleague, let on):
      return (on ? "covering" : "stopped-covering", nil, ["colleague": colleague.reference])
    case .countView(let query) where !(query.search ?? "").isEmpty:
      return ("searched", nil, ["length": String(query.search?.count ?? 0)])
    default: return nil
    }
  }
}

extension Runtime {
  /// Records the clinician's actions under `profile` from now on: in `trail`, or (nil) in the cache's own trail
  /// as soon as the cache can be written.
  public func recordAudit(to trail: AuditTrail? = nil, profile: String) {
    handler.audit(to: trail, profile: profile)
  }
}
