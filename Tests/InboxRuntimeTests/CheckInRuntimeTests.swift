import Foundation
import Clinic
import Testing
import FHIR
import FHIRMapping
import Store
import Templates
import TerminalUI
import TestClinic
@testable import InboxApp
@testable import InboxRuntime

/// Check-ins through the runtime and a real cache: asking a patient for one starts a message from the check-in
/// request template with the form's name filled in; one recorded here is in the outbox and the panel at once.
@Suite struct CheckInRuntimeTests {
  func runtime(_ clinic: ClinicStore) throws -> Runtime {
    let form = Questionnaire(id: "q-mood", name: "Mood check-in", status: "active", item: [
      .init(linkId: "down", text: "Feeling down, depressed, or hopeless", type: "choice", answerOption: [
        .init(valueCoding: Coding(system: "http://loinc.org", code: "LA0", display: "Not at all")),
        .init(valueCoding: Coding(system: "http://loinc.org", code: "LA1", display: "Several days")),
      ]),
    ])
    try clinic.store.transaction { try $0.upsert(SyncedForm(form, raw: try JSONValue.from(form))!) }
    var state = Fixtures.state(width: 100, height: 30, messages: [])
    state.inbox = InboxList(query: state.inbox.query)
    state.config.templates = [Template(id: "check-in-request", text: "name: Check-in request\n---\nPlease complete your "
                                  + "{{checkin.name}} check-in in the app.")]
    let runtime = Runtime(terminal: MemoryTerminal(width: 100, height: 30, keys: []), store: clinic.store, state: state)
    runtime.send(.resized(width: 100, height: 30))
    runtime.settle()
    return runtime
  }

  @Test func askingForACheckInStartsTheRequestWithTheFormsName() throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    let r = try runtime(clinic)
    r.send(.key(.character("A")))
    r.settle()
    #expect(render(r.state).text.contains("Ask "), "the forms to ask for")
    r.send(.key(.enter))
    r.settle()
    #expect(r.state.screen == .compose)
    #expect(r.state.compose?.editor.text == "Please complete your Mood check-in check-in in the app.")
  }

  @Test func aCheckInRecordedHereIsQueuedAndInThePanelAtOnce() throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    let r = try runtime(clinic)
    r.send(.key(.enter))   // the newest message's thread
    r.settle()
    let patient = try #require(r.state.thread?.patientID)
    let waiting = try clinic.store.outboxCounts().pending
    for key: Key in [.character("i"), .enter, .down, .enter, .enter] {
      r.send(.key(key))
      r.settle()
    }
    #expect(try clinic.store.outboxCounts().pending == waiting + 1, "in the outbox, before any network call")
    #expect(try clinic.store.checkIns(patientID: patient).count == 1)
    let panel = render(r.state).lines.map { String($0.dropFirst(100 - ThreadPanes.panelWidth + 1)) }
    #expect(panel.contains("Feeling down, depress… 1/1"), "the panel shows it on its scale (a form with no total): \(panel)")
  }
}

/// A patient's message recorded in the compose pane reaches the outbox from the Patient to the colleague.
@Suite struct RecordMessageRuntimeTests {
  @Test func theRecordedMessageIsQueuedFromThePatient() throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    var state = Fixtures.state(width: 100, height: 30, messages: [])
    state.inbox = InboxList(query: state.inbox.query)
    state.status.actingID = "doc1"
    state.config.recordPrefix = try #require(RecordPrefix(template: "Tel. {name} ({time}):"))
    let r = Runtime(terminal: MemoryTerminal(width: 100, height: 30, keys: []), store: clinic.store, state: state)
    r.send(.resized(width: 100, height: 30))
    r.settle()
    let before = try clinic.store.pendingOutbox().count
    r.send(.key(.enter))   // a thread: m asks only whom it is for
    r.settle()
    let patient = try #require(r.state.thread?.patientID)
    r.send(.key(.character("m")))
    r.settle()
    r.send(.key(.enter))   // the first of all staff
    r.settle()
    for c in "Dizzy" { r.send(.key(.character(c))) }
    r.send(.key(.control("s")))
    r.settle()
    let queued = try clinic.store.pendingOutbox()
    #expect(queued.count == before + 1)
    let entry = try #require(queued.last)
    #expect(entry.sender == "Patient/\(patient)" && entry.recipient.hasPrefix("Practitioner/"))
    #expect(entry.text.hasPrefix("Tel. Priya Raman MD (") && entry.text.hasSuffix("): Dizzy"),
            "the clinic's wording, with the recorder and the time: \(entry.text)")
    // The cache reads the recorder back from the words, as a colleague's cache does from the server's copy.
    #expect(state.config.recordPrefix.recorder(in: entry.text) == "Priya Raman MD")
    #expect(RecordPrefix.standard.recorder(in: "Phone message taken by Sam Okafor RN, 2026-12-03 09:14 UTC: hi")
            == "Sam Okafor RN")
    #expect(RecordPrefix.standard.recorder(in: "I took my pills by phone message taken by nobody") == nil,
            "a patient's own words are never read as a recording")
  }
}
