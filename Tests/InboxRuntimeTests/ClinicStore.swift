import Foundation
import FHIR
import FHIRMapping
import Store
import TestClinic
@testable import InboxApp
@testable import InboxRuntime

/// The fixture clinic in a real cache file: the messages of `Fixtures.inbox`, their patients and the acting
/// clinician, one message done, one routed to the clinician, one waiting in the outbox and one draft — so a
/// view's rows and the sidebar's counts come from the same queries the app runs.
struct ClinicStore {
  let store: Store
  let dir: URL

  init() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-clinic-\(UUID().uuidString)")
    store = try Store(path: dir.appendingPathComponent("cache.sqlite").path)
    let at = Fixtures.now
    let names = ["p1": ("Zoë", "Müller"), "p2": ("小龙", "李"), "p3": ("Ana", "Costa"), "p4": ("Ravi", "Haddad")]
    try store.transaction { cache in
      for (id, (given, family)) in names {
        let p = Patient(id: id, name: [HumanName(use: "official", family: family, given: [given])])
        try cache.upsert(SyncedPatient(p, raw: try JSONValue.from(p))!)
      }
      let me = Practitioner(id: "doc1", name: [HumanName(use: "usual", text: "Priya Raman MD", family: "Raman", given: ["Priya"])])
      try cache.upsert(SyncedStaff(me, raw: try JSONValue.from(me))!)
      for m in Fixtures.inbox {
        let c = Communication(id: m.id.rawValue, status: "completed",
                              subject: Reference(reference: "Patient/\(m.patientID)"),
                              sent: m.sent.map(Instant.format), received: m.isFromPatient && !m.unread ? Instant.format(at) : nil,
                              recipient: [Reference(reference: m.to?.reference ?? "")], sender: Reference(reference: m.from.reference),
                              text: m.text)
        try cache.upsert(SyncedMessage(c, raw: try JSONValue.from(c))!)
      }
      let task = FHIRTask(id: "t1", status: "requested", description: "Patient message — please call",
                          for: Reference(reference: "Patient/p2"), focus: Reference(reference: "Communication/m2"),
                          owner: Reference(reference: Fixtures.me.reference), requester: Reference(reference: "Practitioner/doc2"))
      try cache.upsert(SyncedTask(task, raw: try JSONValue.from(task))!)
    }
    try store.setDone("m5", true, at: at)
    try store.queueMessage(patientID: "p3", from: Fixtures.me, text: "Queued: see you Thursday", at: at.addingTimeInterval(-30))
    try store.saveDraft(id: nil, patientID: "p4", from: Fixtures.me, text: "Draft: about your results", cursor: 0,
                        at: at.addingTimeInterval(-60))
  }

  /// A patient's message with a red-flag phrase, a routing the clinician made to a colleague, due yesterday, and
  /// Any staff synced.
  func addUrgentAndRoutedByMe() throws {
    let at = Fixtures.now
    try store.transaction { cache in
      let sam = Practitioner(id: "doc2", name: [HumanName(use: "usual", text: "Sam Okafor RN", family: "Okafor", given: ["Sam"])])
      try cache.upsert(SyncedStaff(sam, raw: try JSONValue.from(sam))!)
      let c = Communication(id: "m6", status: "completed", subject: Reference(reference: "Patient/p3"),
                            sent: Instant.format(at.addingTimeInterval(-120)), received: nil,
                            recipient: [Reference(reference: Fixtures.me.reference)], sender: Reference(reference: "Patient/p3"),
                            text: "Chest pain since this morning, and my arm feels heavy")
      try cache.upsert(SyncedMessage(c, raw: try JSONValue.from(c))!)
    }
    try store.setSyncsAnyStaff(true)
    try store.queueRoute(messageID: "m1", patientID: "p1", to: "doc2", from: Fixtures.me,
                         note: "please call her, due yesterday", at: at.addingTimeInterval(-2 * 86_400),
                         due: at.addingTimeInterval(-86_400))
  }

  func remove() { try? FileManager.default.removeItem(at: dir) }
}
