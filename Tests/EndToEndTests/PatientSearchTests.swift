import Foundation
import Testing
import GRDB

/// `c` writes to any patient of the practice, not only those whose messages are cached: the server is searched by
/// name, each patient shown with birth date and MRN, and the reply delivered. The patient's authorized contacts
/// are named where the clinician writes.
@Suite(.serialized) struct PatientSearchTests {
  @Test func cFindsAPatientTheCacheNeverSawAndTheReplyIsDelivered() throws {
    let sandbox = try SandboxProcess(messages: 30)
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let (cache, server) = try syncedCache(sandbox, in: dir)
    let cached = try DatabaseQueue(path: cache).read { try String.fetchSet($0, sql: "SELECT id FROM patient") }
    // A patient of the practice with no message to or from this clinician (every third one has a parent
    // authorized for information), named uniquely.
    let sandboxDB = try DatabaseQueue(path: sandbox.dbDir.appendingPathComponent("sandbox.sqlite").path)
    let all = try sandboxDB.read {
      try Row.fetchAll($0, sql: "SELECT id, name, birthdate, seq FROM patient ORDER BY seq")
    }
    let names = all.map { $0["name"] as String }
    let stranger = try #require(all.first { row in
      !cached.contains(row["id"] as String) && (row["seq"] as Int) % 3 == 0 && (row["seq"] as Int) > 8
        && names.filter { $0 == row["name"] as String }.count == 1
    }, "the seed has patients this clinician never wrote with")
    let id: String = stranger["id"], name: String = stranger["name"], born: String = stranger["birthdate"]

    try choosePassphrase(cache: cache)
    let t = try Tmux(command: "\(clinboxBinary) \(server.joined(separator: " "))")
    defer { t.stop() }
    t.waitFor { synced($0) }
    t.send("c")
    t.waitFor(10) { $0.contains("Write to") }
    t.type(name)
    let found = t.waitFor(15) { $0.contains("\(name)  born \(born)") }
    #expect(found.contains("\(name)  born \(born), ") && found.contains(" · MRN "), "\(found)")
    #expect(!found.contains("offline"), "online: the practice is searched")
    t.send("Enter")
    let compose = t.waitFor(10) { $0.contains("To: \(name)") }
    #expect(compose.contains("To: \(name) · authorized for information: ") && compose.contains("(mother)"),
            "\(compose)")
    let text = "Your annual check-up is due: please call us. \(UUID().uuidString.prefix(6))"
    t.type(text)
    t.send("C-s")
    let deadline = Date().addingTimeInterval(30)
    var delivered = 0
    while Date() < deadline {
      delivered = try sandboxDB.read {
        try Int.fetchOne($0, sql: "SELECT count(*) FROM communication WHERE patient = ? AND body = ?",
                         arguments: [id, text]) ?? 0
      }
      if delivered > 0 { break }
      usleep(200_000)
    }
    #expect(delivered == 1, "the reply reached the server, once")
    let listed = try clinbox(["list", "--json", "--patient", id, "--cache", cache])
    let json = listed.stdout + listed.stderr
    #expect(json.contains(#""authorized_contacts":[{"#) && json.contains(#""relationship":"mother""#), "\(json)")
  }
}
