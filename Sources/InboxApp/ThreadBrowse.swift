import Foundation
import Clinic
import TerminalUI

/// The thread screen's keys, and its messages laid out for the width they have beside (or under) the check-ins.
func thread(_ command: Command, _ state: inout AppState) -> [Effect] {
  guard var t = state.thread else { state.screen = .inbox; return [] }
  let page = max(1, state.threadPanes.messages.height)
  // A move of the clinician's own: `n` goes on from where the window is, not from the last hit.
  if [.down, .up, .pageDown, .pageUp, .first, .last].contains(command) { t.currentHit = nil }
  switch command {
  case .down: t.top += 1
  case .up: t.top -= 1
  case .pageDown: t.top += page
  case .pageUp: t.top -= page
  case .first: t.top = 0
  case .last: t.top = Int.max / 2
  case .nextHit, .previousHit:
    let forward = command == .nextHit
    let here = t.currentHit ?? (forward ? t.top - 1 : t.top)
    guard let hit = forward ? t.hits.first(where: { $0 > here }) : t.hits.last(where: { $0 < here }) else {
      notify(t.hits.isEmpty ? "nothing searched in this thread (/ in the inbox)" : "no more matches", &state)
      return []
    }
    t.top = hit
    t.currentHit = hit
  case .quit: return ConfirmQuit.request(&state)
  case .back:
    state.screen = .inbox
    state.thread = nil
    return [reread(state)]
  default: return []
  }
  t.top = max(0, min(t.top, maxThreadTop(t, state)))
  state.thread = t
  return []
}

func maxThreadTop(_ t: ThreadView, _ state: AppState) -> Int {
  maxThreadTop(lines: t.lines.count, rows: state.threadPanes.messages.height)
}

/// `rows`: the rows the messages have on screen.
func maxThreadTop(lines: Int, rows: Int) -> Int {
  max(0, lines - max(1, rows))
}

/// Lays the thread out for the current width (again after a resize), keeping the reader at the newest
/// message if they were there.
func layoutThread(_ state: inout AppState, scrollToNewest: Bool = false) {
  guard var t = state.thread else { return }
  let panes = state.threadPanes
  let width = max(1, panes.messages.width)
  let rows = panes.messages.height
  let wasAtBottom = scrollToNewest || t.top >= maxThreadTop(lines: t.lines.count, rows: rows)
  if t.layoutWidth != width || t.lines.isEmpty || t.layoutPrivacy != state.privacy {
    t.lines = ThreadLayout.lines(t, width: width, timeZone: state.config.timeZone, privacy: state.privacy,
                              now: state.now)
    t.layoutWidth = width
    t.layoutPrivacy = state.privacy
    let terms = SearchTerms.parse(state.inbox.query.search ?? "")
    t.hits = terms.isEmpty ? [] : t.lines.indices.filter { i in
      !t.lines[i].isHeader
        && terms.contains { t.lines[i].text.range(of: $0, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
    }
  }
  let maxTop = maxThreadTop(lines: t.lines.count, rows: rows)
  if scrollToNewest {
    // The newest message in view from its first line: a message longer than the screen is read from its start.
    let newestHeader = t.lines.lastIndex(where: \.isHeader) ?? 0
    t.top = min(maxTop, newestHeader)
  } else {
    t.top = wasAtBottom ? maxTop : max(0, min(t.top, maxTop))
  }
  state.thread = t
}
