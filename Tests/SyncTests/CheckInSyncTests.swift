import Foundation
import Testing
import FHIR
import Sandbox
import Store
@testable import InboxApp
import InboxRuntime
import TerminalUI
import Clinic
@testable import Sync

/// Check-ins come with a sync: the forms, and each cached patient's responses, offline afterwards.
@Suite struct CheckInSyncTests {
  @Test func theFormsAndEachPatientsCheckInsAreCachedAndScoredAsSeeded() async throws {
    let sandbox = try await RunningSandbox.start()
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me).run()
    let forms = try store.checkInForms()
    #expect(forms.map(\.name) == ["Anxiety and side effects", "Mood check-in", "Wellbeing check-in"])
    #expect(forms.first { $0.name == "Mood check-in" }?.scoreRule == .instrument(Instrument.of(forms[1])!))
    #expect(forms.first { $0.name == "Mood check-in" }?.maxScore == 6, "PHQ-2: two questions scored 0–3")
    #expect(forms.first { $0.name == "Anxiety and side effects" }.flatMap(Instrument.of)?.name == "GAD-2",
            "a GAD-2 by its items' LOINC codes")
    #expect(forms.first { $0.name == "Wellbeing check-in" }?.scoreRule == .unscored,
            "a mood where high is good and an anxiety where high is bad: no total")
    // Every response the server has for a cached patient is in the cache, with its answers.
    var compared = 0
    for patient in try store.cachedPatientIDs() {
      let server = try await sandbox.client.search("QuestionnaireResponse", [("patient", "Patient/\(patient)"),
                                                                            ("_count", "100")])
      let onServer = try server.resources(QuestionnaireResponse.self, named: "QuestionnaireResponse")
      let cached = try store.checkIns(patientID: patient)
      #expect(Set(cached.map(\.id)) == Set(onServer.compactMap(\.0.id)), "patient \(patient)")
      compared += cached.count
    }
    #expect(compared >= 40, "the seed gives ten patients eight check-ins each: \(compared)")
    // A second sync asks each patient only for what is newer, and changes nothing.
    _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me).run()
    #expect(try store.cachedPatientIDs().reduce(0) { $0 + (try store.checkIns(patientID: $1).count) } == compared)
    await sandbox.stop()
  }
}

/// The sweep of every patient's check-ins goes a batch a cycle, so a first sync is not held up by it.
@Suite struct CheckInSweepTests {
  @Test func aBatchACycleUntilEveryPatientIsAsked() async throws {
    let sandbox = try await RunningSandbox.start()
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let engine = SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me)
    engine.checkInSweepBatch = 3
    _ = try await engine.run()
    #expect(try store.syncValue("checkins sweep") == "3", "three patients asked in the first cycle")
    #expect(try store.syncValue("full checkins") == nil, "the sweep is not through")
    let patients = try store.cachedPatientIDs().count
    for _ in 0..<(patients / 3 + 1) where try store.syncValue("full checkins") == nil { _ = try await engine.run() }
    #expect(try store.syncValue("full checkins") != nil && store.syncValue("checkins sweep") == "0", "through")
    let cached = try store.cachedPatientIDs().reduce(0) { $0 + (try store.checkIns(patientID: $1).count) }
    #expect(cached >= 40, "every seeded check-in came, a batch at a time: \(cached)")
    await sandbox.stop()
  }
}

/// A check-in the server refuses (a 422 naming the answer) is kept with the server's words, to correct.
@Suite struct RefusedCheckInTests {
  @Test func theServersReasonIsKeptAndTheCheckInLeavesThePanel() async throws {
    let sandbox = try await RunningSandbox.start()
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me).run()
    let form = try #require(try store.checkInForms().first { $0.name == "Mood check-in" })
    let patient = try #require(try store.cachedPatientIDs().first)
    // An answer the form's options no longer hold (as after the form changed in Canvas): past local checks.
    let gone = CheckInForm.Choice(system: "http://loinc.org", code: "LA-gone", display: "Gone")
    let answered = CheckIn(id: "", patientID: patient, formID: form.id, authored: Date(),
                           answers: [form.questions[0].linkId: [.choice(gone)]])
    let entry = try store.queueCheckIn(answered, form: form, author: sandbox.me)
    try await knowCapabilities(sandbox.client)
    let result = try await OutboxPusher(client: sandbox.client, store: store).push()
    #expect(result.failed[entry.id]?.contains("invalid response option code: LA-gone") == true, "\(result)")
    let refused = try store.refusedCheckIns(patientID: patient)
    #expect(refused.map(\.outboxID) == [entry.id])
    #expect(refused.first?.reason.contains("LA-gone") == true)
    #expect(!(try store.checkIns(patientID: patient)).contains { $0.id == entry.localMessageID }, "not shown as recorded")
    await sandbox.stop()
  }
}

/// The thread's panel over a cache synced from the sandbox: its sparkline follows the seeded check-ins' scores.
@Suite struct CheckInPanelOverSandboxTests {
  @Test func theSparklineRisesAndFallsWithTheSeededScores() async throws {
    let sandbox = try await RunningSandbox.start()
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try await SyncEngine(client: sandbox.client, store: store, practitionerID: sandbox.me).run()
    let form = try #require(try store.checkInForms().first { $0.name == "Mood check-in" })
    let patient = try #require(try store.cachedPatientIDs().first { (try? store.checkIns(patientID: $0).isEmpty) == false })
    // The scores as the server has them: each answer's place among its question's options, added up, oldest first.
    let bundle = try await sandbox.client.search("QuestionnaireResponse", [("patient", "Patient/\(patient)"),
                                                                        ("questionnaire", "Questionnaire/\(form.id)")])
    let served = try bundle.resources(QuestionnaireResponse.self, named: "QuestionnaireResponse").map(\.0)
      .sorted { ($0.authored ?? "") < ($1.authored ?? "") }
    let scores = served.map { r in
      (r.item ?? []).reduce(0) { total, item in
        let options = form.questions.first { $0.linkId == item.linkId }?.choices.map(\.code) ?? []
        return total + (item.answer?.first?.valueCoding?.code.flatMap { options.firstIndex(of: $0) } ?? 0)
      }
    }
    #expect(scores.count == 4, "the seed's four weekly check-ins")

    // A list of this patient's messages only: Enter opens their thread, as a clinician would.
    let query = MessageQuery(view: .all, me: sandbox.me, patientID: patient)
    var state = AppState(width: 120, height: 40, now: Date(), query: query,
                         status: StatusInfo(server: "sandbox", actingAs: "", lastSync: nil))
    state.config.timeZone = TimeZone(identifier: "UTC")!
    let runtime = Runtime(terminal: MemoryTerminal(width: 120, height: 40, keys: []), store: store, state: state)
    runtime.send(.resized(width: 120, height: 40))
    runtime.settle()
    runtime.send(.key(.enter))
    runtime.settle()
    let lines = render(runtime.state).lines.map { String($0.dropFirst(120 - ThreadPanes.panelWidth + 1)) }
    let title = try #require(lines.firstIndex(of: "Mood check-in"), "the panel names the form: \(lines)")
    let trend = lines[title + 1]
    let bars = Array(trend.prefix(scores.count))
    let heights = bars.map { "▁▂▃▄▅▆▇█".firstIndex(of: $0).map { "▁▂▃▄▅▆▇█".distance(from: "▁▂▃▄▅▆▇█".startIndex, to: $0) } ?? -1 }
    #expect(!heights.contains(-1) && heights.count == scores.count, "a bar a check-in: \(trend)")
    for i in scores.indices { for j in scores.indices where scores[i] < scores[j] {
      #expect(heights[i] < heights[j], "bar \(i) (score \(scores[i])) below bar \(j) (score \(scores[j])): \(trend)")
    } }
    #expect(trend.contains(" \(scores.last!)/6"), "the latest score: \(trend)")
    await sandbox.stop()
  }
}
