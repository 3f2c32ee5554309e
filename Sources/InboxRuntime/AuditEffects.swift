import Audit
import Clinic
import ClinicActs
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

  /// Records what an effect did for the clinician that is not a clinical act, once it is done (the acts record
  /// themselves through `keep`).
  func recordAudit(_ request: Request) {
    guard let me = request.clinician, let said = Self.audited(request.effect) else { return }
    keep(said, by: me, at: request.at)
  }

  /// Puts an event behind those the trail has not taken yet and writes them all; what a full disk refuses waits
  /// in the backlog, and the screen is told (`auditRefused`).
  func keep(_ act: AuditedAct, by me: StaffID, at now: Date) {
    guard let audit else { return }
    auditBacklog.append(act.event(by: me, profile: audit.profile, at: now))
    do { try flushAudit() } catch { auditRefused = error }
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
  static func audited(_ effect: Effect) -> AuditedAct? {
    switch effect {
    case .loadThread(let patientID): return .opened(patient: patientID)
    case .setUnread(let id, let patient, let unread): return .markedRead(message: id, patient: patient, unread: unread)
    case .noteLock(let locked): return .locked(locked)
    case .setCovering(let colleague, let on, _): return .covering(colleague, on)
    case .countView(let query) where !(query.search ?? "").isEmpty:
      return .searched(length: query.search?.count ?? 0)
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
