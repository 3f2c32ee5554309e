import Clinic
import TerminalUI

/// Quitting while the outbox still holds writes: "1 reply to Chloe Dubois not sent". `y` (or `q` again, or Ctrl-C)
/// quits anyway — the writes stay in the outbox and the next start names them; any other key stays, and clinbox
/// quits by itself once the outbox is empty. Words the cache could not take (a full disk) are named with the file
/// they are kept in; then any other key only stays (they are saved when the cache can take them).
enum ConfirmQuit {
  /// `q`, Ctrl-C or `:quit`: the Store says what waits (queued, or refused), then the question; a second `q` while
  /// waiting leaves at once.
  static func request(_ state: inout AppState) -> [Effect] {
    if state.quitWhenSent { return quit(&state) }
    return [.loadUnsent]
  }

  /// What the outbox holds, read: nothing (sent meanwhile) quits; else the question.
  static func loaded(_ writes: [UnsentWrite], _ state: inout AppState) -> [Effect] {
    guard !writes.isEmpty || !Unsaved.all(state).isEmpty else { return quit(&state) }
    state.overlay = .confirmQuit(unsent: writes.isEmpty ? nil : UnsentWrite.summary(writes))
    return []
  }

  /// Once a sync leaves nothing waiting, a clinician who chose to wait is let go.
  static func sentAll(_ state: inout AppState) -> [Effect] {
    guard state.quitWhenSent, state.status.queued == 0, Unsaved.all(state).isEmpty else { return [] }
    return quit(&state)
  }

  /// The question: the outbox's unsent writes, then each text not in the cache and where it is kept (read from the
  /// state as it is now: a text saved meanwhile is no longer named).
  static func draw(unsent: String?, _ state: AppState, into g: inout Grid) {
    let notSaved = Unsaved.quitLines(state)
    let summary = (unsent.map { [$0] } ?? []) + notSaved
    let unsaved = !notSaved.isEmpty
    let title = unsaved ? "Quit with words not saved?" : "Quit with writes not sent?"
    let width = min(g.width - 2, max(76, (summary.map(\.count).max() ?? 0) + 4))
    let inside = Box.draw(title, in: g.bounds.centred(width: width, height: summary.count + 3), into: &g)
    for (i, line) in summary.enumerated() {
      g.put(line, x: inside.x, y: inside.y + i, role: .warning, maxWidth: inside.width)
    }
    let how = unsaved ? "y or q quits anyway (the words stay in that file) · any other key stays"
                      : "y or q quits anyway (sent at the next start) · any other key waits for it, then quits"
    g.put(how, x: inside.x, y: inside.y + summary.count, role: .normal, maxWidth: inside.width)
  }
}
