import Foundation
import Testing
import GRDB

/// The headless side of issue 14: `sync --cover`, `list --view covering`, `list --view awaiting --json` with each
/// thread's wait in seconds, `list --view urgent`.
@Suite(.serialized) struct WatchCommandTests {
  @Test func coveredAwaitingAndUrgentFromTheCommandLine() throws {
    let sandbox = try SandboxProcess()
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let env = ["CLINBOX_CLIENT_ID": "demo", "CLINBOX_CLIENT_SECRET": "demo"]
    let me = "Practitioner/\(sandbox.practitioner)"
    let sam = try reference(matching: "sam", sandbox)
    let mine = ["--cache", dir.appendingPathComponent("mine.sqlite").path, "--as", me]
    let theirs = ["--cache", dir.appendingPathComponent("sam.sqlite").path, "--as", sam]

    #expect(try clinbox(["sync", "--server", sandbox.url, "--cover", sam] + mine, env: env).status == 0)
    #expect(try clinbox(["sync", "--server", sandbox.url] + theirs, env: env).status == 0)
    // The covered inbox, offline: the same messages as Samantha's own Mine, each naming whose inbox.
    let covered = try lines(clinbox(["list", "--view", "covering", "--json", "--cover", sam] + mine, env: env))
    let hers = try lines(clinbox(["list", "--view", "mine", "--json"] + theirs, env: env))
    #expect(covered.count > 5 && covered.map { $0["id"] as? String } == hers.map { $0["id"] as? String })
    #expect(covered.allSatisfy { ($0["inbox"] as? String)?.hasPrefix("Samantha Jones") == true })

    // Awaiting reply: a row a thread, the longest wait first, each with its wait in seconds.
    let waiting = try lines(clinbox(["list", "--view", "awaiting", "--json"] + mine, env: env))
    let waits = waiting.compactMap { $0["wait_seconds"] as? Int }
    #expect(waits.count == waiting.count && waits.count > 3)
    #expect(waits == waits.sorted(by: >), "the longest wait first")
    let patients = waiting.compactMap { ($0["patient"] as? [String: Any])?["id"] as? String }
    #expect(Set(patients).count == patients.count, "one row a thread")

    // Urgent: every row says what was found and why it counts; a negated one is not among them.
    let urgent = try clinbox(["list", "--view", "urgent"] + mine, env: env)
    let rows = urgent.stdout.split(separator: "\n")
    #expect(rows.count > 0 && rows.allSatisfy { $0.contains("⚑ ") && $0.contains("now, the patient's own; words: '") })
    // As JSON, the flag is its parts, and its words are the patient's, as written.
    let flagged = try clinbox(["list", "--view", "urgent", "--json"] + mine, env: env).stdout.split(separator: "\n")
      .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    #expect(flagged.count == rows.count)
    for row in flagged {
      let flag = try #require(row["red_flag"] as? [String: String])
      let words = try #require(flag["words"]?.split(separator: " … ").first.map(String.init))
      #expect(flag["concept"]?.isEmpty == false && flag["context"]?.hasPrefix("now, the patient's own") == true)
      #expect((row["text"] as? String)?.contains(words) == true, "\(flag)")
    }
    #expect(!urgent.stdout.contains("No chest pain since Sunday"))
    let count = try clinbox(["list", "--view", "urgent", "--count"] + mine, env: env)
    #expect(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String(rows.count))

    // doctor names each covered colleague, and a mistyped one fails it.
    let doctor = try clinbox(["doctor", "--server", sandbox.url, "--cover", sam] + mine, env: env)
    #expect(doctor.status == 0 && doctor.stdout.contains("✔ covering: Samantha Jones"), "\(doctor.stdout)")
    let nobody = "Practitioner/" + String(repeating: "0", count: 32)
    let typo = try clinbox(["doctor", "--server", sandbox.url, "--cover", nobody] + mine, env: env)
    #expect(typo.status == 1 && typo.stdout.contains("✘ covering \(nobody)"), "\(typo.stdout)")
  }

  func lines(_ run: Run) throws -> [[String: Any]] {
    #expect(run.status == 0, "\(run.stderr)")
    return try run.stdout.split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
    }
  }
}
