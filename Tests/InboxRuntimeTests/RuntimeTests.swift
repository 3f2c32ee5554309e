import Foundation
import Testing
import FHIR
import FHIRMapping
import Store
import TerminalUI
import TestClinic
@testable import InboxApp
@testable import InboxRuntime

/// The runtime over the fixture clinic on a 110×14 in-memory terminal, sidebar shown, on `view`.
func clinicRuntime(_ clinic: ClinicStore, view: InboxView) -> Runtime {
  var state = Fixtures.state(width: 110, height: 14, messages: [], sidebar: true)
  state.inbox = InboxList(query: MessageQuery(view: view, me: Fixtures.me))
  state.session.hasPassphrase = Passphrase.isChosen(in: clinic.store)   // as the launcher reads it
  let runtime = Runtime(terminal: MemoryTerminal(width: 110, height: 14, keys: []), store: clinic.store, state: state)
  runtime.send(.resized(width: 110, height: 14))
  return runtime
}

/// The runtime on a real cache file and an in-memory terminal: keys in, frames out.
@Suite struct RuntimeTests {
  @Test func browseOpenAndQuit() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try Store(path: dir.appendingPathComponent("cache.sqlite").path)
    try store.transaction { cache in
      let zoe = FHIR.Patient(id: "p1", name: [HumanName(use: "official", family: "Müller", given: ["Zoë"])],
                             birthDate: "1980-11-13")
      try cache.upsert(SyncedPatient(zoe, raw: .object([:]))!)
      for i in 0..<500 {
        let p = Reference(reference: "Patient/p\(i % 2 == 0 ? 1 : 2)", type: "Patient")
        let d = Reference(reference: "Practitioner/doc1", type: "Practitioner")
        let c = Communication(id: "m\(i)", status: "completed", subject: p, sent: Instant.format(Date(timeIntervalSince1970: 1_795_000_000 - Double(i) * 3600)),
                              recipient: [d], sender: p, text: "message \(i)")
        try cache.upsert(SyncedMessage(c, raw: .object([:]))!)
      }
    }
    let terminal = MemoryTerminal(width: 80, height: 12, keys: [.character("G"), .character("g"), .character("j"), .character("j"), .enter, .character("q"), .character("q")])
    var state = AppState(width: 80, height: 12, now: Date(timeIntervalSince1970: 1_795_000_000), query: MessageQuery(view: .all),
                         status: StatusInfo(server: "test", actingAs: "", lastSync: nil))
    state.config.timeZone = TimeZone(identifier: "UTC")!
    state.sidebar.visible = false   // the counts arrive when they will; at 80 columns the sidebar would hide the text
    let runtime = Runtime(terminal: terminal, store: store, state: state)
    runtime.run()
    let texts = terminal.frames.map(\.text)
    // The first frame comes before the cache has answered; the page follows as soon as it has.
    let newest = try #require(texts.firstIndex { $0.contains("message 0") && $0.contains(" 1/500 ") })
    let oldest = try #require(texts.firstIndex { $0.contains("message 499") && $0.contains("500/500") }, "G jumps to the oldest, loading that page")
    #expect(newest < oldest)
    let thread = try #require(texts.first { $0.contains("born 1980-11-13") })
    #expect(thread.contains("message 2"), "Enter on the third row opens patient p1's thread")
    #expect(texts.last!.contains("3/500"), "q in the thread goes back to the inbox, selection kept")
    #expect(runtime.state.quitting)
  }

  @Test func aTriageStepReachesTheScreenThroughTheCachesObservation() throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    let runtime = clinicRuntime(clinic, view: .unread)
    runtime.settle()
    let before = runtime.state.inbox.total
    let first = try #require(runtime.state.inbox.selectedMessage)
    #expect(before >= 2, "the Unread view has messages to triage")
    runtime.send(.key(.character("d")))
    runtime.settle()
    // Nothing but the write's own observation re-read the view: the message done is out of Unread.
    #expect(runtime.state.inbox.total == before - 1)
    #expect(runtime.state.inbox.selectedMessage?.id != first.id)
    #expect(render(runtime.state).lines[0].contains("Unread (\(before - 1))"))
    #expect(render(runtime.state).lines.last?.contains("done · z undoes") == true, "the step confirms itself")
    runtime.send(.key(.character("z")))
    runtime.settle()
    #expect(runtime.state.inbox.total == before, "z brings it back")
    #expect(runtime.state.inbox.selectedMessage?.id == first.id, "and the selection is on it again")
  }

  @Test func aSyncsPagesShowInTheSidebarsCountsAsTheyCome() throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    let runtime = clinicRuntime(clinic, view: .all)
    runtime.send(.syncFinished(at: Fixtures.now, queued: 0))
    #expect(runtime.settle(until: { $0.sidebar.counts[.mine] != nil }))
    let mine = try #require(runtime.state.sidebar.counts[.mine])
    // A sync is under way and stores a page of three messages to the clinician.
    runtime.send(.syncProgress(pages: 1, estimatedPages: 10))
    try clinic.store.transaction { cache in
      for i in 0..<3 {
        let c = Communication(id: "new\(i)", status: "completed", subject: Reference(reference: "Patient/p1"),
                              sent: Instant.format(Fixtures.now.addingTimeInterval(Double(i))),
                              recipient: [Reference(reference: Fixtures.me.reference)], sender: Reference(reference: "Patient/p1"),
                              text: "page message \(i)")
        try cache.upsert(SyncedMessage(c, raw: try JSONValue.from(c))!)
      }
    }
    #expect(runtime.settle(until: { $0.sidebar.counts[.mine] == mine + 3 }),
            "Mine counts the page before the sync ends")
    #expect(render(runtime.state).lines.contains { $0.contains("Mine") && $0.contains("\(mine + 3)") })
  }

  @Test func aSlowCacheDoesNotDelayTheFrameAfterAKey() throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    let terminal = ClockTerminal(keys: [.character("]")])
    var state = Fixtures.state(width: 110, height: 14, messages: [], sidebar: true)
    // From Urgent, the first view, `]` goes to Unread.
    state.inbox = InboxList(query: MessageQuery(view: .urgent, me: state.inbox.query.me))
    let runtime = Runtime(terminal: terminal, handler: SlowEffects(StoreEffects(store: clinic.store), delay: 0.4), state: state)
    runtime.run()
    let pressed = try #require(terminal.keyReadAt.first)
    // The view's title changes at once; its rows come when the (slow) cache answers, as an action.
    let titled = try #require(terminal.frames.first { $0.at >= pressed && $0.grid.lines[0].contains("clinbox · Unread") })
    #expect(titled.at.timeIntervalSince(pressed) < 0.15, "the frame after the key: \(titled.at.timeIntervalSince(pressed)) s")
    let rows = try #require(terminal.frames.first { $0.at >= pressed && $0.grid.text.contains("Could you refill") && $0.grid.lines[0].contains("Unread") })
    #expect(rows.at.timeIntervalSince(pressed) >= 0.4, "the rows arrive with the cache's answer")
  }
}

/// A view's rows before its count: at a million messages a count takes tenths of a second, a page milliseconds.
@Suite struct CountApartTests {
  @Test func aViewsRowsShowBeforeItsCountAndKeysDoNotWaitForIt() throws {
    let clinic = try ClinicStore()
    defer { clinic.remove() }
    let terminal = ClockTerminal(keys: [.character("]"), .character("j")])
    var state = Fixtures.state(width: 110, height: 14, messages: [], sidebar: true)
    state.inbox = InboxList(query: MessageQuery(view: .urgent, me: state.inbox.query.me))
    let handler = SlowEffects(StoreEffects(store: clinic.store), delay: 0.6, countsOnly: true)
    let runtime = Runtime(terminal: terminal, handler: handler, state: state)
    runtime.run()
    let pressed = try #require(terminal.keyReadAt.first)
    let rows = try #require(terminal.frames.first { $0.at >= pressed && $0.grid.lines[0].contains("Unread")
                                                     && $0.grid.text.contains("Could you refill") })
    #expect(rows.at.timeIntervalSince(pressed) < 0.3, "rows \(rows.at.timeIntervalSince(pressed)) s after the key")
    #expect(rows.grid.lines[0].contains("Unread (…)"), "the count is not in yet: \(rows.grid.lines[0])")
    let second = try #require(terminal.keyReadAt.dropFirst().first)
    #expect(second.timeIntervalSince(pressed) < 0.5, "the next key is not held by the count")
    let last = terminal.frames.last?.grid.lines[0] ?? ""
    #expect(last.range(of: #"Unread \([0-9]+\)"#, options: .regularExpression) != nil, "the count arrives: \(last)")
  }
}

/// A terminal that notes when each frame was drawn and each key read.
final class ClockTerminal: Terminal {
  var size: (width: Int, height: Int) = (110, 14)
  private(set) var frames: [(at: Date, grid: Grid)] = []
  private(set) var keyReadAt: [Date] = []
  private var keys: [Key]

  init(keys: [Key]) { self.keys = keys }

  func draw(_ grid: Grid) { frames.append((Date(), grid)) }

  /// The keys in order, then nothing for a second and a half (time for slow answers to arrive), then Ctrl-C.
  func readKey(timeoutMS: Int) -> Key? {
    guard keys.isEmpty else {
      keyReadAt.append(Date())
      return keys.removeFirst()
    }
    if Date().timeIntervalSince(keyReadAt.last ?? .distantPast) > 1.5 { return .control("c") }
    usleep(UInt32(min(timeoutMS, 50)) * 1000)
    return nil
  }
}

/// The cache's effects after a delay — all of them, or only views' counts: a Store that answers slowly.
final class SlowEffects: EffectHandler {
  let inner: EffectHandler
  let delay: TimeInterval
  let countsOnly: Bool
  init(_ inner: EffectHandler, delay: TimeInterval, countsOnly: Bool = false) {
    self.inner = inner; self.delay = delay; self.countsOnly = countsOnly
  }

  func perform(_ request: Request) -> [Action] {
    if case .countView = request.effect { Thread.sleep(forTimeInterval: delay) } else if !countsOnly {
      Thread.sleep(forTimeInterval: delay)
    }
    return inner.perform(request)
  }
}
