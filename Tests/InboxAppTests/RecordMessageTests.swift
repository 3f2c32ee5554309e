import Foundation
import Testing
import Clinic
import TerminalUI
import TestClinic
@testable import InboxApp

/// `m`: a patient's words taken by phone, recorded for a colleague — the patient, whom it is for (all staff), the
/// text, Ctrl-S.
@Suite struct RecordMessageTests {
  static let sam = StaffMember(id: "sam", name: "Sam Jones RN", email: nil, roles: ["RN"], active: true)

  func press(_ keys: Key..., in s: inout AppState) -> [Effect] { keys.flatMap { reduce(&s, .key($0)) } }

  @Test func fromTheListThePatientThenTheColleagueThenTheWords() {
    var s = Fixtures.state(width: 100, height: 30)
    #expect(press(.character("m"), in: &s) == [.loadPatients(query: "")])
    _ = reduce(&s, .patientsLoaded([Fixtures.patient]))
    #expect(render(s).text.contains("A message from — type the patient's name"))
    #expect(press(.enter, in: &s) == [.loadStaff(includeNonSchedulable: true)], "all staff, schedulable or not")
    _ = reduce(&s, .staffLoaded([Self.sam]))
    #expect(render(s).text.contains("The patient's message is for"))
    _ = press(.enter, in: &s)
    #expect(render(s).lines[0].contains("Zoë Müller's message, taken by phone, for Sam Jones RN — Ctrl-S records it"))
    for c in "Dizzy since Monday" { _ = reduce(&s, .key(.character(c))) }
    let effects = press(.control("s"), in: &s)
    #expect(effects.contains(.recordMessage(patientID: "p1", for: "sam", text: "Dizzy since Monday",
                                            draftID: nil)))
    #expect(s.screen == .inbox && s.status.notice == "recorded for Sam Jones RN · it lands unread in their inbox")
  }

  @Test func inAThreadThePatientIsKnown() {
    var s = Fixtures.state(width: 100, height: 30)
    _ = reduce(&s, .threadLoaded(patientID: "p1", patient: Fixtures.patient, messages: [Fixtures.inbox[0]], total: 1))
    #expect(press(.character("m"), in: &s) == [.loadStaff(includeNonSchedulable: true)])
  }

  @Test func theThreadSaysWhoRecordedAPatientsMessage() {
    var s = Fixtures.state(width: 120, height: 20)
    var m = Fixtures.inbox[0]
    m.recordedBy = "Priya Raman MD"
    _ = reduce(&s, .threadLoaded(patientID: "p1", patient: Fixtures.patient, messages: [m], total: 1))
    let lines = render(s).lines
    #expect(lines.contains { $0.contains("☎ phone message from Zoë Müller, taken by Priya Raman MD → Priya Raman MD") },
            "a phone message reads as taken by its recorder, not as the patient's words: \(lines)")
    #expect(!lines.contains { $0.contains("Zoë Müller → Priya Raman MD") })
  }

  /// `c` asks the server for the practice's patients by name when one is in reach, and says when it is not.
  @Test func thePatientPickerSearchesThePracticeOnlineAndSaysWhenOffline() {
    var s = Fixtures.state(width: 100, height: 30)
    _ = press(.character("c"), in: &s)
    #expect(press(.character("z"), in: &s) == [.loadPatients(query: "z")], "one letter: the cache alone")
    #expect(press(.character("o"), in: &s) == [.loadPatients(query: "zo"), .searchPatients(query: "zo")])
    var found = Fixtures.patient
    found.id = "p-server"
    found.active = false
    _ = reduce(&s, .patientsLoaded([Fixtures.patient]))
    _ = reduce(&s, .patientsFound([found, Fixtures.patient], query: "zo"))
    guard case .patients(let picker)? = s.overlay else { Issue.record("the picker is open"); return }
    #expect(picker.results.map(\.id) == [Fixtures.patient.id, "p-server"], "the cached first, each patient once")
    #expect(render(s).text.contains("inactive"), "an inactive patient is marked")

    var offline = Fixtures.state(width: 100, height: 30)
    offline.status.server = "offline"
    _ = press(.character("c"), in: &offline)
    #expect(press(.character("z"), in: &offline) == [.loadPatients(query: "z")])
    #expect(press(.character("o"), in: &offline) == [.loadPatients(query: "zo")], "no server: nothing asked")
    #expect(render(offline).text.contains("offline: cached patients only"))
  }
}
