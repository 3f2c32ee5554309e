import Clinic
import Foundation
import InboxApp
import Store

extension StoreEffects {
  /// Reads of messages addressed to the acting clinician (opening their thread, `u`), written back to Canvas through
  /// the companion: queued behind what waits, sent with the next push. A covered colleague's messages and Any staff's
  /// are not written back (the companion lets only the recipient), and a cache that cannot queue them keeps the read
  /// here only.
  func shareReads(_ ids: [MessageID], read: Bool, of patient: PatientID, _ request: Request) {
    guard config.sharesReadState, let me = request.clinician, !ids.isEmpty else { return }
    for id in ids { _ = try? store.queueRead(id, patientID: patient, read: read, by: me, at: request.at) }
    onSyncRequest?(.writes)
  }
}
