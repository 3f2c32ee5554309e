import Audit
import Foundation
import Testing
import Store
import TerminalUI
import TestClinic
@testable import InboxApp
@testable import InboxRuntime

/// What the clinician does in the inbox reaches the audit trail as ids: the thread opened, the message marked done,
/// the search made (its length) — and no name, no word of a message, no search term.
@Suite struct AuditRuntimeTests {
  @Test func triageAndSearchAreRecordedAsIdsOnly() throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    let runtime = clinicRuntime(clinic, view: .unread)
    let trail = AuditTrail(path: clinic.store.auditPath, key: try clinic.store.auditKey())
    runtime.recordAudit(to: trail, profile: "riverside")
    runtime.settle()
    func press(_ keys: [Key]) {
      for key in keys {
        runtime.send(.key(key))
        runtime.settle()
      }
    }
    let first = try #require(runtime.state.inbox.selectedMessage)
    press([.enter, .character("q")])
    // Read now, the first message left Unread: `d` marks the one selected after it.
    let second = try #require(runtime.state.inbox.selectedMessage)
    press([.character("d"), .character("/")] + "metformin".map(Key.character) + [.enter])
    let events = try AuditTrail.events(at: clinic.store.auditPath)
    #expect(events.map(\.action) == ["opened", "done", "searched"])
    #expect(events[0].patient == first.patientID)
    #expect(events[1].detail["message"] == second.id && events[1].patient == second.patientID)
    #expect(events[2].detail["length"] == "9")
    #expect(events.allSatisfy { $0.profile == "riverside" && $0.practitioner == Fixtures.me })
    let text = try String(contentsOfFile: clinic.store.auditPath, encoding: .utf8)
    for secret in ["Zoë", "Müller", "metformin", String(first.text.prefix(12))] {
      #expect(!text.contains(secret), "the trail holds no \(secret)")
    }
    #expect(try AuditTrail.verify(at: clinic.store.auditPath, key: try clinic.store.auditKey()).isEmpty)
  }
}
