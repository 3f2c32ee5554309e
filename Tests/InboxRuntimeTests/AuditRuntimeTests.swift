import Audit
import Clinic
import FHIR
import FHIRMapping
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
    #expect(events[0].patient == first.patientID.rawValue)
    #expect(events[1].detail["message"] == second.id.rawValue && events[1].patient == second.patientID.rawValue)
    #expect(events[2].detail["length"] == "9")
    #expect(events.allSatisfy { $0.profile == "riverside" && $0.practitioner == Fixtures.me.reference })
    let text = try String(contentsOfFile: clinic.store.auditPath, encoding: .utf8)
    for secret in ["Zoë", "Müller", "metformin", String(first.text.prefix(12))] {
      #expect(!text.contains(secret), "the trail holds no \(secret)")
    }
    #expect(try AuditTrail.verify(at: clinic.store.auditPath, key: try clinic.store.auditKey()).isEmpty)
  }

  /// A trail that cannot be written (a full disk) does not undo what was done or hide it: the step stands, the
  /// screen says the events wait, and they are written in order — the chain whole — once the trail can take them.
  @Test func eventsTheTrailCannotTakeWaitAndAreWrittenInOrderLater() throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    let runtime = clinicRuntime(clinic, view: .unread)
    // The trail's folder is a plain file for now: no line can be written under it.
    let folder = clinic.store.path + ".trail"
    FileManager.default.createFile(atPath: folder, contents: Data())
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/audit.log"
    runtime.recordAudit(to: AuditTrail(path: path, key: try clinic.store.auditKey()), profile: "p")
    runtime.settle()
    func press(_ key: Key) {
      runtime.send(.key(key))
      runtime.settle()
    }
    press(.enter)
    #expect(runtime.state.screen == .thread, "the thread opens")
    #expect(runtime.state.status.notice?.hasPrefix("the audit trail could not be written") == true)
    press(.character("q"))
    let done = try #require(runtime.state.inbox.selectedMessage)
    press(.character("d"))
    #expect(runtime.state.status.notice?.hasSuffix("2 events wait in memory until it can") == true,
            "\(runtime.state.status.notice ?? "")")
    let doneView = try clinic.store.messages(MessageQuery(view: .done, me: Fixtures.me), offset: 0, limit: 50)
    #expect(doneView.map(\.id).contains(done.id), "done stands")
    try FileManager.default.removeItem(atPath: folder)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    press(.character("/"))
    for c in "rash" { runtime.send(.key(.character(c))) }
    press(.enter)
    let events = try AuditTrail.events(at: path)
    #expect(events.map(\.action) == ["opened", "done", "searched"])
    #expect(events[1].detail["message"] == done.id.rawValue)
    #expect(try AuditTrail.verify(at: path, key: try clinic.store.auditKey()).isEmpty)
  }
}

/// The lock through the runtime: the passphrase is kept as a scrypt hash in the cache (never as itself), a wrong
/// one keeps the screen locked, the right one opens it, and both are in the audit trail.
@Suite struct LockRuntimeTests {
  @Test func aPassphraseIsKeptHashedAndChecked() throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    try Passphrase.choose("tea at four", in: clinic.store)   // as `clinbox passphrase` does, before the inbox
    let runtime = clinicRuntime(clinic, view: .all)
    #expect(runtime.state.session.hasPassphrase)
    runtime.recordAudit(to: AuditTrail(path: clinic.store.auditPath, key: try clinic.store.auditKey()), profile: "p")
    runtime.settle()
    func type(_ text: String) {
      for c in text { runtime.send(.key(.character(c))) }
      runtime.send(.key(.enter))
      runtime.settle()
    }
    runtime.send(.key(.character("L")))
    type("tea at four")
    #expect(runtime.state.session.lock == nil)
    let kept = try #require(try clinic.store.syncValue("lock_hash"))
    #expect(kept.hasPrefix("scrypt$") && !kept.contains("tea"))
    runtime.send(.key(.character("L")))
    // While locked, what a sync stores still reaches the state; the frame still shows none of it.
    let before = runtime.state.inbox.total
    try clinic.store.transaction { cache in
      let c = Communication(id: "while-locked", status: "completed", subject: Reference(reference: "Patient/p1"),
                            sent: Instant.format(Fixtures.now), recipient: [Reference(reference: Fixtures.me.reference)],
                            sender: Reference(reference: "Patient/p1"), text: "arrived while locked")
      try cache.upsert(SyncedMessage(c, raw: try JSONValue.from(c))!)
    }
    #expect(runtime.settle(until: { $0.inbox.total == before + 1 }))
    #expect(!render(runtime.state).text.contains("Zoë"))
    type("coffee at five")
    #expect(runtime.state.session.lock != nil, "a wrong passphrase keeps it locked")
    runtime.send(.tick(runtime.state.now.addingTimeInterval(2)))
    type("tea at four")
    #expect(runtime.state.session.lock == nil)
    let actions = try AuditTrail.events(at: clinic.store.auditPath).map(\.action)
    #expect(actions == ["locked", "unlocked", "locked", "unlocked"])
  }
}
