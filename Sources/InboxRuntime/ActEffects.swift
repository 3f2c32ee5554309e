import ClinicActs
import Clinic
import Foundation
import InboxApp
import Store

/// The effects that are clinical acts, taken through `ClinicActs` as the commands take them: each stored, then
/// recorded in the audit trail by the clinician acting.
extension StoreEffects {
  /// The acts of the clinician acting now, recorded in this cache's trail (through the backlog when the trail
  /// cannot be written); nil while nobody acts.
  func acts(_ request: Request) -> ClinicActs? {
    guard let me = request.clinician else { return nil }
    let now = request.at
    return ClinicActs(store: store, clinician: me) { [self] act in keep(act, by: me, at: now) }
  }

  /// Takes `effect` when it is a clinical act; nil for any other effect.
  func act(_ request: Request) throws -> [Action]? {
    let effect = request.effect
    switch effect {
    case .setDone, .route, .cancelRoute, .sendMessage, .recordMessage, .recordCheckIn: break
    default: return nil
    }
    guard let acts = acts(request) else { return [.noticeShown("that needs an acting practitioner (--as)")] }
    let now = request.at
    switch effect {
    case .setDone(let id, let patient, let done):
      // Done on a routed message completes its Task; undoing it opens the Task again.
      return afterTriage(sync: try acts.setDone(id, of: patient, done, at: now))
    case .route(let id, let patient, let owner, let note, let labels, let due):
      try acts.route(id, of: patient, to: owner, note: note, labels: labels, due: due, at: now,
                     timeZone: config.timeZone)
      return afterTriage(sync: true)
    case .cancelRoute(let id, let patient):
      try acts.cancelRoute(id, of: patient, at: now)
      return afterTriage(sync: true)
    case .sendMessage(let patientID, let text, let draftID):
      // Stored first, in the outbox; the draft goes once the message is safe. Not stored, it is not sent: the
      // words come back to the compose pane (`KeptText`).
      do { try acts.send(text, to: patientID, at: now) }
      catch { throw NotTaken(actions: notQueued(patientID, text, draftID: draftID, because: error, request)) }
      KeptText.forget(patientID: patientID)
      if let draftID { try store.deleteDraft(draftID) }
      onSyncRequest?(.writes)
      return try [.queuedCounted(store.outboxCounts().pending)] + openThread(patientID, request) + [checkIns(patientID)]
    case .recordMessage(let patientID, let colleague, let text, let draftID):
      try acts.record(text, from: patientID, for: colleague, prefix: config.recordPrefix, at: now,
                      timeZone: config.timeZone)
      if let draftID { try store.deleteDraft(draftID) }
      onSyncRequest?(.writes)
      return [.queuedCounted(try store.outboxCounts().pending)]
    case .recordCheckIn(let checkIn, let replacing):
      if let replacing { try store.discardRefusedCheckIn(replacing, at: now) }
      guard let form = try store.checkInForms().first(where: { $0.id == checkIn.formID }) else { return [] }
      try acts.recordCheckIn(checkIn, form: form)
      onSyncRequest?(.writes)
      return [.queuedCounted(try store.outboxCounts().pending), try checkIns(checkIn.patientID)]
    default:
      return nil
    }
  }
}
