import Foundation
import Testing
import FHIR
import Store
import TerminalUI
@testable import InboxApp

/// The runtime on a real cache file and an in-memory terminal: keys in, frames out.
@Suite struct RuntimeTests {
  @Test func browseOpenAndQuit() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try Store(path: dir.appendingPathComponent("cache.sqlite").path)
    try store.write { db in
      try Store.upsert(patient: FHIR.Patient(id: "p1", name: [HumanName(use: "official", family: "Müller", given: ["Zoë"])], birthDate: "1980-11-13"),
                       raw: .object([:]), in: db, at: Date())
      for i in 0..<500 {
        let p = Reference(reference: "Patient/p\(i % 2 == 0 ? 1 : 2)", type: "Patient")
        let d = Reference(reference: "Practitioner/doc1", type: "Practitioner")
        let c = Communication(id: "m\(i)", status: "completed", subject: p, sent: Instant.format(Date(timeIntervalSince1970: 1_795_000_000 - Double(i) * 3600)),
                              recipient: [d], sender: p, text: "message \(i)")
        try Store.upsert(message: c, raw: .object([:]), in: db, at: Date())
      }
    }
    let terminal = MemoryTerminal(width: 80, height: 12, keys: [.character("G"), .character("g"), .character("j"), .character("j"), .enter, .character("q"), .character("q")])
    var state = AppState(width: 80, height: 12, now: Date(timeIntervalSince1970: 1_795_000_000), query: MessageQuery(view: .all),
                         status: StatusInfo(server: "test", actingAs: "", lastSync: nil))
    state.timeZone = TimeZone(identifier: "UTC")!
    let runtime = Runtime(terminal: terminal, store: store, state: state)
    runtime.run()
    let texts = terminal.frames.map(\.text)
    #expect(texts[0].contains("message 0"))
    #expect(texts[1].contains("message 499"), "G jumps to the oldest, loading that page")
    #expect(texts[1].contains("500/500"))
    let thread = try #require(texts.first { $0.contains("born 1980-11-13") })
    #expect(thread.contains("message 2"), "Enter on the third row opens patient p1's thread")
    #expect(texts.last!.contains("3/500"), "q in the thread goes back to the inbox, selection kept")
    #expect(runtime.state.quitting)
  }
}
