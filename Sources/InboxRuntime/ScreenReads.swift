import Clinic
import Foundation
import InboxApp
import Store

/// Reading what the screen shows: a patient's thread (the messages, the check-ins, the read marks opening it
/// leaves), and the whole screen again after the cache changed.
extension StoreEffects {
  /// What is on screen, read again after the cache changed, the selection kept on its message.
  /// `naming`: the clinician whose name the title bar waits for, if it does.
  func reload(_ query: MessageQuery, selectedID: MessageID?, threadPatientID: PatientID?, naming: StaffID?) throws
    -> [Action] {
    let total = try store.count(query)
    var actions: [Action] = []
    if let id = naming, let me = try store.staffMember(id: id) {
      actions.append(.actingAsNamed(me.name))
    }
    if let patientID = threadPatientID {
      let (patient, messages, total) = try threadContents(patientID)
      actions.append(.threadRefreshed(patientID: patientID, patient: patient, messages: messages, total: total))
      actions.append(try checkIns(patientID))
    }
    let index = try selectedID.flatMap { try store.position(ofMessage: $0, in: query) }
    actions.append(.inboxReloaded(total: total, selectedIndex: index, query: query))
    return actions
  }

  func openThread(_ patientID: PatientID, _ request: Request) throws -> [Action] {
    let (patient, messages, total) = try threadContents(patientID)
    let loaded = Action.threadLoaded(patientID: patientID, patient: patient, messages: messages, total: total)
    // Opening the thread reads it: its unread messages are marked read here (shown unread this once). A cache
    // that cannot be written still opens it, and says it stays unread.
    let unread = messages.filter { $0.unread }
    do { try store.openedThread(patientID: patientID, read: unread.map(\.id), at: Date()) }
    catch where !CacheRepair.isDamage(error) {
      return [loaded] + (messages.contains { $0.unread } ? [.noticeShown(refused(error, "not marked read"))] : [])
    }
    shareReads(unread.filter { $0.to?.staffID == request.clinician }.map(\.id), read: true, of: patientID, request)
    return [loaded]
  }

  /// The check-ins of a patient and the forms they answer.
  func checkIns(_ patientID: PatientID) throws -> Action {
    let checkIns = try store.checkIns(patientID: patientID)
    let refused = try store.refusedCheckIns(patientID: patientID)
    let answered = Set(checkIns.map(\.formID) + refused.map(\.checkIn.formID))
    return .checkInsLoaded(patientID: patientID, checkIns: checkIns,
                           forms: try store.checkInForms().filter { answered.contains($0.id) }, refused: refused)
  }

  /// A patient's thread as the thread screen shows it: the patient, the newest messages, how many there are.
  func threadContents(_ patientID: PatientID) throws -> (PatientRecord?, [Message], Int) {
    (try store.patient(id: patientID), try store.thread(patientID: patientID),
     try store.count(MessageQuery(view: .all, patientID: patientID)))
  }
}
