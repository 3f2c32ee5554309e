import Foundation
import Testing
import Clinic
import Store
import TestClinic
@testable import InboxApp
@testable import InboxRuntime

/// With the companion, opening a thread and `u` write the acting clinician's reads back; a colleague's message is
/// never written back (the companion lets only the recipient), and without the companion nothing is queued.
@Suite struct SharedReadRuntimeTests {
  func reads(_ store: Store) throws -> [String] {
    try store.pendingOutbox().filter { $0.kind == .read }.map { entry in
      guard case .read(let read)? = entry.intent else { return "?" }
      return "\(entry.recipient) \(read ? "read" : "unread")"
    }
  }

  func addColleaguesMessage(_ clinic: ClinicStore) throws {
    try clinic.store.transaction { cache in
      try cache.upsert(SyncedMessage(id: "m-colleague", patientID: "p1", from: .patient(id: "p1"),
                                     to: .staff(id: "doc2"), sent: Fixtures.now.addingTimeInterval(-60),
                                     text: "For Dr Okafor, please"))
    }
  }

  @Test func theClinicansReadsGoBackAndAColleaguesDoNot() throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    try addColleaguesMessage(clinic)
    var config = AppState.Configuration()
    config.sharesReadState = true
    let effects = StoreEffects(store: clinic.store, config: config)
    _ = effects.perform(Request(.loadThread(patientID: "p1"), clinician: Fixtures.me, at: Fixtures.now))
    #expect(try reads(clinic.store) == ["m1 read"], "m1 was unread and is to me; m-colleague is Dr Okafor's")
    _ = effects.perform(Request(.setUnread(messageID: "m1", patientID: "p1", unread: true), clinician: Fixtures.me,
                                at: Fixtures.now))
    #expect(try reads(clinic.store) == ["m1 unread"], "u before the push: the last word only")
    _ = effects.perform(Request(.setUnread(messageID: "m-colleague", patientID: "p1", unread: false),
                                clinician: Fixtures.me, at: Fixtures.now))
    #expect(try reads(clinic.store) == ["m1 unread"])
  }

  @Test func withoutTheCompanionNothingIsQueued() throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    let effects = StoreEffects(store: clinic.store)
    _ = effects.perform(Request(.loadThread(patientID: "p1"), clinician: Fixtures.me, at: Fixtures.now))
    #expect(try clinic.store.thread(patientID: "p1").allSatisfy { !$0.unread }, "read here all the same")
    #expect(try reads(clinic.store).isEmpty)
  }
}
