import Foundation
import Testing
import GRDB

/// `clinbox record`: a patient's message taken by phone lands, once, unread in the chosen colleague's inbox — a
/// colleague who cannot be scheduled included.
@Suite(.serialized) struct RecordCommandTests {
  @Test func aRecordedMessageArrivesFromThePatientUnreadForTheColleague() throws {
    let sandbox = try SandboxProcess()
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let env = ["CLINBOX_CLIENT_ID": "demo", "CLINBOX_CLIENT_SECRET": "demo"]
    let server = try DatabaseQueue(path: sandbox.dbDir.appendingPathComponent("sandbox.sqlite").path)
    let (patient, colleague) = try server.read { db in
      (try String.fetchOne(db, sql: "SELECT id FROM patient LIMIT 1") ?? "",
       try String.fetchOne(db, sql: "SELECT id FROM practitioner WHERE schedulable = 0 AND id != ? LIMIT 1",
                           arguments: [sandbox.practitioner]) ?? "")
    }
    #expect(!colleague.isEmpty, "the seed has staff who cannot be scheduled")
    let text = "Called at 9: dizzy every morning since the new pills \(UUID().uuidString.prefix(6))"
    let mine = dir.appendingPathComponent("mine.sqlite").path
    let recorded = try clinbox(["record", "--patient", patient, "--for", "Practitioner/\(colleague)", "--text", text,
                                "--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)",
                                "--cache", mine], env: env)
    #expect(recorded.status == 0, "\(recorded.stderr)")
    let rows = try server.read {
      try Row.fetchAll($0, sql: "SELECT sender, recipient, received, body FROM communication WHERE body LIKE ?",
                       arguments: ["%\(text)%"])
    }
    #expect(rows.count == 1, "once")
    #expect(rows.first?["sender"] as String? == "Patient/\(patient)")
    #expect((rows.first?["recipient"] as String?)?.contains("Practitioner/\(colleague)") == true)
    #expect(rows.first?["received"] as Double? == nil, "not received: it is unread for them")
    let body = rows.first?["body"] as String? ?? ""
    #expect(body.hasPrefix("Phone message taken by Priya Raman MD, ") && body.hasSuffix(": " + text),
            "the server's copy names who took it, by default: \(body)")
    let recorder = try DatabaseQueue(path: mine).read {
      try String.fetchOne($0, sql: "SELECT recorded_by FROM message WHERE text LIKE ?", arguments: ["%\(text)%"])
    }
    #expect(recorder == "Priya Raman MD", "marked here as recorded by the acting clinician")

    // Synced as the colleague: unread in their inbox.
    let theirs = dir.appendingPathComponent("theirs.sqlite").path
    let as_ = ["--server", sandbox.url, "--as", "Practitioner/\(colleague)", "--cache", theirs]
    #expect(try clinbox(["sync"] + as_, env: env).status == 0)
    let unread = try clinbox(["list", "--view", "unread", "--json"] + as_, env: env)
    let lines = unread.stdout.split(separator: "\n").filter { $0.contains(text) }
    #expect(lines.count == 1, "unread in their inbox: \(unread.stdout.prefix(300))\(unread.stderr)")
    #expect(lines.first?.contains(#""recorded_by":"Priya Raman MD""#) == true,
            "the colleague's clinbox reads it as taken by the recorder: \(lines.first ?? "")")
  }

  /// A clinic may reword the attribution, never drop it: a prefix that does not name the recorder stops the command
  /// before anything is queued.
  @Test func aRecordPrefixWithoutTheNameIsRefused() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = dir.appendingPathComponent("clinbox/config.toml")
    try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
    try "record_prefix = \"Phone message:\"\n".write(to: config, atomically: true, encoding: .utf8)
    let r = try clinbox(["record", "--patient", "p1", "--for", "Practitioner/x", "--text", "hello",
                         "--server", "http://127.0.0.1:9", "--as", "Practitioner/y",
                         "--cache", dir.appendingPathComponent("c.sqlite").path],
                        env: ["XDG_CONFIG_HOME": dir.path, "CLINBOX_CLIENT_ID": "d", "CLINBOX_CLIENT_SECRET": "d"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("record_prefix must name who took the message with {name}"), "\(r.stderr)")
  }
}
