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
  func acts(_ state: AppState) -> ClinicActs? {
    guard let me = Self.acting(state) else { return nil }
    let now = state.now
    return ClinicActs(store: store, clinician: me) { [self] act in keep(act, by: me, at: now) }
  }

  /// Takes `effect` when it is a clinical act; nil for any other effect.
  func act(_ effect: Effect, _ state: AppState) throws -> [Action]? {
    switch effect {
    case .setDone, .route, .cancelRoute, .sendMessage, .recordMessage, .recordCheckIn: break
    default: return nil
    }
    guard let acts = acts(state) else { return [.noticeShown("that needs an acting practitioner (--as)")] }
    let now = state.now
    switch effect {
    case .setDone(let id, let done):
      // Done on a routed message completes its Task; undoing it opens the Task again.
      return afterTriage(state, sync: try acts.setDone(id, of: Self.patient(of: id, state), done, at: now))
    case .route(let id, let patient, let owner, let note, let labels, let due):
      try acts.route(id, of: patient, to: owner, note: note, labels: labels, due: due, at: now,
                     timeZone: state.config.timeZone)
      return afterTriage(state, sync: true)
    case .cancelRoute(let id):
      try acts.cancelRoute(id, of: Self.patient(of: id, state), at: now)
      return afterTriage(state, sync: true)
    case .sendMessage(let patientID, let text, let draftID):
      // Stored first, in the outbox; the draft goes once the message is safe. Not stored, it is not sent: the
      // words come back to the compose pane (`KeptText`).
      do { try acts.send(text, to: patientID, at: now) }
      catch { throw NotTaken(actions: notQueued(patientID, text, draftID: draftID, because: error, state)) }
      KeptText.forget(patientID: patientID)
      if let draftID { try store.deleteDraft(draftID) }
      onSyncRequest?()
      return try [.queuedCounted(store.outboxCounts().pending)] + openThread(patientID) + [checkIns(patientID)]
    case .recordMessage(let patientID, let colleague, let text, let draftID):
      try acts.record(text, from: patientID, for: colleague, prefix: state.config.recordPrefix, at: now,
                      timeZone: state.config.timeZone)
      if let draftID { try store.deleteDraft(draftID) }
      onSyncRequest?()
      return [.queuedCounted(try store.outboxCounts().pending)]
    case .recordCheckIn(let checkIn, let replacing):
      if let replacing { try store.discardRefusedCheckIn(replacing, at: now) }
      guard let form = try store.checkInForms().first(where: { $0.id == checkIn.formID }) else { return [] }
      try acts.recordCheckIn(checkIn, form: form)
      onSyncRequest?()
      return [.queuedCounted(try store.outboxCounts().pending), try checkIns(checkIn.patientID)]
    default:
      return nil
    }
  }

  /// The patient of a message on screen (the list's rows, the open thread).
  static func patient(of id: String, _ state: AppState) -> PatientID? {
    (state.inbox.rows + (state.thread?.messages ?? [])).first { $0.id == id }?.patientID
  }
}
