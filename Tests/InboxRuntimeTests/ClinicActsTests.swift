import Foundation
import Testing
import Audit
import Clinic
import ClinicActs
import Store
import TestClinic

/// One path per clinical act: each is stored, then recorded once in the audit trail by the clinician acting —
/// whoever asked (the inbox's keys and the commands act through the same `ClinicActs`).
@Suite struct ClinicActsTests {
  final class Trail: @unchecked Sendable {
    private let lock = NSLock()
    private var acts: [AuditedAct] = []
    var recorded: [AuditedAct] { lock.withLock { acts } }
    func take(_ act: AuditedAct) { lock.withLock { acts.append(act) } }
  }

  @Test func eachActIsStoredThenRecordedOnceByWhoActed() throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    let trail = Trail()
    let acts = ClinicActs(store: clinic.store, clinician: "doc1") { trail.take($0) }
    let now = Fixtures.now
    let sent = try acts.send("See you Thursday.", to: "p1", at: now)
    #expect(sent.sender == "Practitioner/doc1" && sent.recipient == "Patient/p1", "from the clinician acting")
    let recorded = try acts.record("Can Dr Okafor call me back?", from: "p2", for: "sam", prefix: .standard, at: now,
                                   timeZone: TimeZone(identifier: "UTC")!)
    #expect(recorded.text.hasPrefix("Phone message taken by Priya Raman MD"), "says who took it: \(recorded.text)")
    try acts.route("m1", of: "p1", to: "sam", note: "please call", labels: [], due: nil, at: now, timeZone: .current)
    try acts.setDone("m2", of: "p2", true, at: now)
    #expect(trail.recorded == [.sent(patient: "p1"), .recordedMessage(patient: "p2", for: "sam"),
                               .routed(message: "m1", patient: "p1", to: "sam"),
                               .done(message: "m2", patient: "p2", done: true)])
    let event = AuditedAct.routed(message: "m1", patient: "p1", to: "sam").event(by: "doc1", profile: "clinic", at: now)
    #expect(event.practitioner == "Practitioner/doc1" && event.action == "routed" && event.patient == "p1"
              && event.detail == ["message": "m1", "to": "Practitioner/sam"])
  }

  @Test func aPhoneMessageIsNotRecordedWithoutWhoTookIt() throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    let trail = Trail()
    let stranger = ClinicActs(store: clinic.store, clinician: "nobody-we-know") { trail.take($0) }
    let before = try clinic.store.outboxCounts().pending
    #expect(throws: ActRefused.self) {
      try stranger.record("Please call", from: "p1", for: "doc1", prefix: .standard, at: Fixtures.now,
                          timeZone: .current)
    }
    #expect(try clinic.store.outboxCounts().pending == before, "nothing queued")
    #expect(trail.recorded.isEmpty, "and nothing recorded as done")
  }
}
