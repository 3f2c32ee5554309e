import Foundation
import Testing
import GRDB

/// `clinbox checkin` against a sandbox in its own process that validates QuestionnaireResponse creates as Canvas
/// documents: what arrives, and what is refused before anything is stored or sent.
@Suite(.serialized) struct CheckInCommandTests {
  @Test func aCheckInArrivesCodedAndABadAnswerIsRefusedLocally() throws {
    let sandbox = try SandboxProcess()
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = dir.appendingPathComponent("cache.sqlite").path
    let env = ["CLINBOX_CLIENT_ID": "demo", "CLINBOX_CLIENT_SECRET": "demo"]
    let me = ["--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)", "--cache", cache]
    #expect(try clinbox(["sync"] + me, env: env).status == 0)
    let server = try DatabaseQueue(path: sandbox.dbDir.appendingPathComponent("sandbox.sqlite").path)
    let patient = try #require(try server.read { try String.fetchOne($0, sql: "SELECT id FROM patient LIMIT 1") })
    func responses() throws -> Int {
      try server.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM questionnaire_response WHERE patient = ?",
                                         arguments: [patient]) ?? 0 }
    }
    let before = try responses()
    let checkin = ["checkin", "--patient", patient, "--questionnaire", "Mood check-in"] + me

    let wrong = try clinbox(checkin + ["--answer", "1=Sometimes", "--answer", "2=1"], env: env)
    #expect(wrong.status == 2, "\(wrong.stderr)")
    #expect(wrong.stderr.contains("“Little interest or pleasure in doing things”: “Sometimes” is not an answer"),
            "the question is named: \(wrong.stderr)")
    let partial = try clinbox(checkin + ["--answer", "1=2"], env: env)
    #expect(partial.status == 2 && partial.stderr.contains("“Feeling down, depressed, or hopeless”: needs an answer"),
            "a scored form needs every answer: \(partial.stderr)")
    #expect(try responses() == before, "nothing reached the server")

    let done = try clinbox(checkin + ["--answer", "1=Several days", "--answer", "2=LA6571-3"], env: env)
    #expect(done.status == 0, "\(done.stderr)")
    let id = done.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(try responses() == before + 1, "one response, once")
    let json = try #require(try server.read {
      try String.fetchOne($0, sql: "SELECT json FROM questionnaire_response WHERE id = ?", arguments: [id])
    })
    let r = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(r["status"] as? String == "completed")
    #expect((r["subject"] as? [String: Any])?["reference"] as? String == "Patient/\(patient)")
    #expect((r["author"] as? [String: Any])?["reference"] as? String == "Practitioner/\(sandbox.practitioner)")
    let codings = (r["item"] as? [[String: Any]] ?? []).compactMap {
      ($0["answer"] as? [[String: Any]])?.first?["valueCoding"] as? [String: String]
    }
    #expect(codings == [["system": "http://loinc.org", "code": "LA6569-1", "display": "Several days"],
                        ["system": "http://loinc.org", "code": "LA6571-3", "display": "Nearly every day"]])
    // The cache has it under the server's id, for the thread's panel, offline.
    let local = try DatabaseQueue(path: cache)
    #expect(try local.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM checkin WHERE id = ?", arguments: [id]) } == 1)
  }
}
