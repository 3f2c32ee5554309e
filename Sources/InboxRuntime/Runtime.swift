import Foundation
import InboxApp
import Synchronization
import Store
import TerminalUI
import Templates

/// Runs the app on a terminal: draws a frame, waits for a key (or a quarter-second tick), takes in what the
/// effects and the background sync posted, reduces.
///
/// `reduce` is the only writer of the state. Effects that touch the cache are performed off the UI loop, one at a
/// time in the order they were asked for, and come back as actions through the mailbox; meanwhile the loop keeps
/// drawing and answering signals, and reads the next key only once they are back — so each key acts on what the
/// one before it brought (Enter then `q` opens a thread, then leaves it), as a typist expects.
public final class Runtime {
  let terminal: Terminal
  public private(set) var state: AppState
  /// Rung by every post to either mailbox: the loop waits on it beside the terminal instead of polling.
  private let wakeup = Wakeup()
  /// Actions from other threads (the background sync, the sidebar's counts), taken in between keys.
  public let mailbox: Mailbox
  /// What effects brought back: reduced and drawn before the next key is read.
  let results: Mailbox
  let handler: EffectHandler
  private let effects = DispatchQueue(label: "clinbox.effects")
  /// Views' counts, apart from the effects the keys wait for.
  private let counting = DispatchQueue(label: "clinbox.counting")
  /// Effects out, of each kind: changed by the queues that perform them, read by the loop.
  private let out = OutCount()
  /// Asks the background sync for a cycle now: everything for the `s` key, the outbox for a write.
  public var onSyncRequest: (@Sendable (SyncAsk) -> Void)? {
    didSet { handler.syncWith(onSyncRequest ?? { _ in }) }
  }
  /// Asks the server what syncing Any staff would fetch, and calls back with it in words (off the UI loop).
  public var onMeasureAnyStaff: ((@escaping @Sendable (String?) -> Void) -> Void)?
  /// Asks the server for the practice's patients by name, stores them in the cache and answers (nil: no answer).
  public var onSearchPatients: ((String, @escaping @Sendable ([PatientRecord]?) -> Void) -> Void)?
  /// Called when the clinician chooses whom they act as (first start).
  public var onActAs: ((StaffMember) -> Void)?
  /// Called when the clinician keeps a search in the sidebar (`S`): writes it to the config; a problem's text, or nil.
  public var onSaveSearch: ((SavedSearch) -> String?)?

  public convenience init(terminal: Terminal, store: Store, state: AppState) {
    self.init(terminal: terminal, handler: StoreEffects(store: store, config: state.config), state: state)
  }

  public init(terminal: Terminal, handler: EffectHandler, state: AppState) {
    self.terminal = terminal; self.handler = handler; self.state = state
    mailbox = Mailbox(wakeup: wakeup)
    results = Mailbox(wakeup: wakeup)
    let mailbox = self.mailbox, results = self.results
    handler.connect(later: { mailbox.post($0) }, changed: { results.post($0) })
  }

  /// Whether effects are still being performed.
  public var isBusy: Bool { out.value(.effects) > 0 }

  public func run() {
    // The cache's change watch looks first, so that whatever another process commits after the first page is read
    // is noticed at the next tick.
    dispatch(.watchCache)
    let (w, h) = terminal.size
    send(.resized(width: w, height: h))
    dispatch(.loadCounts(state.sidebarAsk))
    var lastTick = Date()
    var drawn: Grid?
    var happened = true
    while !state.quitting {
      // An idle inbox wakes four times a second; it renders only after something happened and draws only a
      // frame that changed (frames are most of what an idle minute costs).
      if happened {
        let frame = render(state)
        if frame != drawn {
          terminal.draw(frame)
          drawn = frame
        }
        happened = false
      }
      // While effects are out, keys wait in the terminal — a key acts on what the one before it brought, reduced
      // and drawn — and the loop sleeps until an answer rings; a signal ends the wait too.
      let busy = isBusy
      let answers = Self.coalesce(results.drain())
      if !answers.isEmpty {
        for action in answers { send(action) }
        happened = true
        continue
      }
      let key: Key?
      if busy {
        wakeup.wait(timeoutMS: 250)
        key = nil
      } else {
        key = terminal.readKey(timeoutMS: 250, wake: wakeup.readEnd)
        wakeup.drain()
      }
      if terminal.ended != nil {
        // A signal or a vanished terminal ends the session from any screen or overlay; drafts are already saved.
        send(.terminate)
        break
      }
      let posted = Self.coalesce(mailbox.drain())
      for action in posted { send(action) }
      happened = !posted.isEmpty || key != nil
      if let key {
        if key == .resize {
          drawn = nil
          let (w, h) = terminal.size
          send(.resized(width: w, height: h))
        } else {
          send(.key(key))
        }
      }
      if Date().timeIntervalSince(lastTick) >= 1 {
        lastTick = Date()
        let before = state.clockFace
        send(.tick(lastTick))
        // What the clock shows changes by the minute, but for "synced 12 s ago": a tick that changes neither
        // costs no frame.
        happened = happened || state.clockFace != before
      }
    }
  }

  /// Actions that waited together, with only the last of each kind that re-reads the screen.
  static func coalesce(_ actions: [Action]) -> [Action] {
    // Of several progress reports or cache changes waiting, only the last of each matters (each re-reads).
    func kind(_ a: Action) -> Int? {
      switch a {
      case .syncProgress: return 0
      case .cacheChanged: return 1
      default: return nil
      }
    }
    var last: [Int: Int] = [:]
    for (i, a) in actions.enumerated() { if let k = kind(a) { last[k] = i } }
    return actions.enumerated().filter { i, a in kind(a).map { last[$0] == i } ?? true }.map(\.1)
  }

  /// Reduces an action and sends its effects on their way.
  public func send(_ action: Action) {
    for effect in reduce(&state, action) { dispatch(effect) }
  }

  /// The effects that need the terminal or the launcher run here; the rest go to the effect queue, with who asks
  /// and when.
  func dispatch(_ effect: Effect) {
    switch effect {
    case .externalEditor(let text):
      send(.editorReturned(text: ExternalEditor.edit(text, terminal: terminal)))
    case .suspend:
      // As the terminal's own Ctrl-Z would (raw mode reads it as a key): the whole foreground job stops. SIGSTOP,
      // not SIGTSTP: a thread may block SIGTSTP (it then came later, to ncurses' own handler, which repaints the
      // old frame), and nothing can block or catch SIGSTOP.
      terminal.suspend { kill(0, SIGSTOP) }
      send(.tick(Date()))
    case .actAs(let member):
      onActAs?(member)
    case .saveSearch(let search):
      if let problem = onSaveSearch?(search) { send(.noticeShown("the search is in the sidebar, "
                                                                 + "not the config: \(problem)")) }
    case .quit:
      break
    case .alert(let alert):
      terminal.alert(alert)
    case .measureAnyStaff:
      // The server is the launcher's: it asks and posts what it found.
      guard let measure = onMeasureAnyStaff else { send(.anyStaffMeasured(nil)); return }
      let mailbox = self.mailbox
      measure { mailbox.post(.anyStaffMeasured($0)) }
    case .searchPatients(let query):
      guard let search = onSearchPatients else { send(.patientsFound(nil, query: query)); return }
      let mailbox = self.mailbox
      search(query) { mailbox.post(.patientsFound($0, query: query)) }
    case .countView:
      // A count does not hold the keys: it comes back when it comes, and a count of a view left meanwhile is dropped.
      perform(effect, on: counting, kind: .counts)
    default:
      perform(effect, on: effects, kind: .effects)
    }
  }

  /// Performs an effect on `queue` as asked now, its answers posted to `results`; `kind`: which count it adds to.
  private func perform(_ effect: Effect, on queue: DispatchQueue, kind: OutCount.Kind) {
    let request = state.request(effect), handler = self.handler, results = self.results, out = self.out
    let wakeup = self.wakeup
    out.add(kind, 1)
    queue.async {
      for action in handler.perform(request) { results.post(action) }
      out.add(kind, -1)
      // No longer busy: the loop may read the next key now, not at its next wake.
      wakeup.ring()
    }
  }

  /// Takes in what comes back, as the loop does, until `done` holds of the state (a benchmark's "the rows are on
  /// screen"); false if it did not within `timeout`.
  @discardableResult
  public func settle(until done: (AppState) -> Bool, timeout: TimeInterval = 10) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      for action in Self.coalesce(results.drain() + mailbox.drain()) { send(action) }
      if done(state) { return true }
      usleep(100)
    }
    return false
  }

  /// Waits until every effect asked for has come back and been reduced, and what those asked for too (tests
  /// and benchmarks drive the runtime key by key with it).
  public func settle(timeout: TimeInterval = 10) {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      effects.sync {}
      counting.sync {}
      let posted = results.drain() + mailbox.drain()
      if posted.isEmpty && !isBusy { return }
      for action in posted { send(action) }
    }
  }
}

/// A thread-safe queue of actions.
public final class Mailbox: Sendable {
  private let actions = Mutex<[Action]>([])
  private let wakeup: Wakeup?

  public init() { wakeup = nil }
  init(wakeup: Wakeup) { self.wakeup = wakeup }

  public func post(_ action: Action) {
    actions.withLock { $0.append(action) }
    wakeup?.ring()
  }

  func drain() -> [Action] {
    actions.withLock { a in
      defer { a.removeAll() }
      return a
    }
  }
}

/// How many effects of each kind are out.
final class OutCount: Sendable {
  enum Kind: Int { case effects, counts }
  private let counts = Mutex<[Int]>([0, 0])

  func add(_ kind: Kind, _ n: Int) { counts.withLock { $0[kind.rawValue] += n } }
  func value(_ kind: Kind) -> Int { counts.withLock { $0[kind.rawValue] } }
}
