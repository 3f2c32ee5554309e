import Clinic
import TerminalUI

/// Quitting while the outbox still holds writes: "1 reply to Chloe Dubois not sent". `y` (or `q` again, or Ctrl-C)
/// quits anyway — the writes stay in the outbox and the next start names them; any other key stays, and clinbox
/// quits by itself once the outbox is empty.
enum ConfirmQuit {
  /// `q`, Ctrl-C or `:quit`: the Store says what waits (queued, or refused), then the question; a second `q` while
  /// waiting leaves at once.
  static func request(_ state: inout AppState) -> [Effect] {
    if state.quitWhenSent { return quit(&state) }
    return [.loadUnsent]
  }

  /// What the outbox holds, read: nothing (sent meanwhile) quits; else the question.
  static func loaded(_ writes: [UnsentWrite], _ state: inout AppState) -> [Effect] {
    guard !writes.isEmpty else { return quit(&state) }
    state.overlay = .confirmQuit(summary: UnsentWrite.summary(writes))
    return []
  }

  static func run(_ command: Command, _ state: inout AppState) -> [Effect] {
    state.overlay = nil
    if command == .yes { return quit(&state) }
    state.quitWhenSent = true
    notify("clinbox quits once the outbox is sent · q quits now", &state)
    return [.syncNow]
  }

  /// `q` again quits anyway; any other key waits.
  static func type(_ text: String, _ state: inout AppState) -> [Effect] {
    run(text == "q" ? .yes : .cancel, &state)
  }

  /// Once a sync leaves nothing waiting, a clinician who chose to wait is let go.
  static func sentAll(_ state: inout AppState) -> [Effect] {
    guard state.quitWhenSent, state.status.queued == 0 else { return [] }
    return quit(&state)
  }

  static func draw(summary: String, into g: inout Grid) {
    let inside = Box.draw("Quit with writes not sent?", in: g.bounds.centred(width: 76, height: 4), into: &g)
    g.put(summary, x: inside.x, y: inside.y, role: .warning, maxWidth: inside.width)
    g.put("y or q quits anyway (sent at the next start) · any other key waits for it, then quits", x: inside.x,
          y: inside.y + 1, role: .normal, maxWidth: inside.width)
  }
}
