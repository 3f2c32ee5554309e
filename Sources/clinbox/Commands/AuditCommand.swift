import ArgumentParser
import Audit
import Foundation
import FHIR
import Store

/// `clinbox audit [--since DATE] [--patient ID] [--verify] [--json]`: what was done with this cache, from its
/// audit trail; `--verify` checks the chain and names every line that breaks it (exit 1).
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "Print or verify the audit trail of what was done with the cache.",
    discussion: "Each line: when, profile, practitioner, what, the patient's id, further ids. No names, "
        + "no message text.")

  @Option(help: "Only events from this day on (YYYY-MM-DD) or this instant.")
  var since: String?

  @Option(help: "Only events about this patient (the patient id).")
  var patient: String?

  @Flag(help: "Check that no line was edited, removed, moved or added; exit 1 naming each line that was.")
  var verify = false

  @Flag(help: "One JSON object a line.")
  var json = false

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  func run() throws {
    let s = try Settings.resolve(server, cache)
    guard FileManager.default.fileExists(atPath: s.cachePath) else { throw Failure("no cache at \(s.cachePath)") }
    let store = try Wiring.openStore(s)
    if verify {
      let problems = try AuditTrail.verify(at: store.auditPath, key: try store.auditKey())
      let count = try AuditTrail.events(at: store.auditPath).count
      guard problems.isEmpty else {
        for p in problems { print("line \(p.line): \(p.problem)") }
        throw Failure("the audit trail at \(store.auditPath) is not whole: \(problems.count) line(s) broken")
      }
      print("the audit trail is whole: \(count) line(s) at \(store.auditPath)")
      return
    }
    let from = try since.map { text -> String in
      guard let at = Instant.parse(text.count == 10 ? text + "T00:00:00Z" : text) else {
        throw ValidationError("--since takes a day (2026-11-30) or an instant (2026-11-30T09:00:00Z)")
      }
      return AuditEvent.instant(at)
    }
    for e in try AuditTrail.events(at: store.auditPath) {
      if let from, e.at < from { continue }
      if let patient, e.patient != patient { continue }
      if json {
        print(String(decoding: try AuditTrail.encoder.encode(e), as: UTF8.self))
      } else {
        let detail = e.detail.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print([e.at, e.profile, e.practitioner, e.action, e.patient.map { "patient \($0)" } ?? "", detail]
          .filter { !$0.isEmpty }.joined(separator: "  "))
      }
    }
  }
}
