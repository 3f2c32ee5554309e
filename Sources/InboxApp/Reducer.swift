import Foundation
import Store
import TerminalUI

/// The whole behaviour of the UI: a state and an action in, the new state and the effects to run out.
/// Pure — no I/O, no clock — so every key press is testable without a terminal.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
  switch action {
  case .tick(let now):
    state.now = now
    return []
  case .resized(let w, let h):
    state.width = max(0, w); state.height = max(0, h)
    layoutThread(&state)
    clampInbox(&state.inbox, height: state.listHeight)
    return ensureInboxLoaded(state)
  case .inboxLoaded(let offset, let rows, let total):
    state.inbox.offset = offset
    state.inbox.rows = rows
    state.inbox.total = total
    state.inbox.loaded = true
    clampInbox(&state.inbox, height: state.listHeight)
    return ensureInboxLoaded(state)
  case .threadLoaded(let patientID, let patient, let messages, let total):
    let reopened = state.screen == .thread && state.thread?.patientID == patientID
    let previous = state.thread
    state.thread = ThreadView(patientID: patientID, patient: patient, messages: messages,
                              olderCount: max(0, total - messages.count))
    state.screen = .thread
    if reopened, let previous {
      // A sync refreshed the open thread: keep the reader's place (at the newest if they were there).
      state.thread?.top = previous.top
      let wasAtBottom = previous.top >= maxThreadTop(previous, state)
      layoutThread(&state)
      if wasAtBottom, let lines = state.thread?.lines.count {
        state.thread?.top = maxThreadTop(lines: lines, height: state.height)
      }
    } else {
      layoutThread(&state, scrollToNewest: true)
    }
    return []
  case .syncStarted:
    if case .offline = state.status.activity { return [] }   // stay "offline since …" until it is back
    state.status.activity = .syncing(done: 0, of: nil)
    return []
  case .syncProgress(let pages, let estimate):
    state.status.activity = .syncing(done: pages, of: estimate)
    // Each stored page shows at once (a long first sync fills the list as it goes), the selection kept.
    return [.reload(selectedMessageID: state.inbox.selectedMessage?.id,
                    threadPatientID: state.screen == .thread ? state.thread?.patientID : nil)]
  case .syncFinished(let at, let queued):
    state.status.activity = .idle
    state.status.lastSync = at
    state.status.queued = queued
    return [.reload(selectedMessageID: state.inbox.selectedMessage?.id,
                    threadPatientID: state.screen == .thread ? state.thread?.patientID : nil)]
  case .syncFailed(let reason, let offline, let queued):
    state.status.queued = queued
    if offline {
      if case .offline = state.status.activity {} else { state.status.activity = .offline(since: state.now) }
    } else {
      state.status.activity = .failed(reason)
    }
    return [.reload(selectedMessageID: state.inbox.selectedMessage?.id,
                    threadPatientID: state.screen == .thread ? state.thread?.patientID : nil)]
  case .inboxReloaded(let total, let selectedIndex):
    var list = state.inbox
    let oldSelected = list.selected
    list.total = total
    if let i = selectedIndex {
      // New messages above the selection push it down: move the window with it, so nothing on screen jumps.
      list.selected = i
      list.top += i - oldSelected
    }
    list.loaded = false
    clampInbox(&list, height: state.listHeight)
    state.inbox = list
    return ensureInboxLoaded(state)
  case .key(let key):
    guard let command = Command.forKey(key, on: state.screen) else { return [] }
    if command == .sync { return [.syncNow] }
    switch state.screen {
    case .inbox: return inbox(command, &state)
    case .thread: return thread(command, &state)
    }
  }
}

private func inbox(_ command: Command, _ state: inout AppState) -> [Effect] {
  var list = state.inbox
  let page = max(1, state.listHeight)
  switch command {
  case .down: list.selected += 1
  case .up: list.selected -= 1
  case .pageDown: list.selected += page; list.top += page
  case .pageUp: list.selected -= page; list.top -= page
  case .first: list.selected = 0
  case .last: list.selected = list.total - 1
  case .open:
    guard let m = list.selectedMessage else { return [] }
    return [.loadThread(patientID: m.patientID)]
  case .quit:
    state.quitting = true
    return [.quit]
  case .back, .sync: return []
  }
  clampInbox(&list, height: state.listHeight)
  state.inbox = list
  return ensureInboxLoaded(state)
}

private func thread(_ command: Command, _ state: inout AppState) -> [Effect] {
  guard var t = state.thread else { state.screen = .inbox; return [] }
  let page = max(1, state.height - 2)
  switch command {
  case .down: t.top += 1
  case .up: t.top -= 1
  case .pageDown: t.top += page
  case .pageUp: t.top -= page
  case .first: t.top = 0
  case .last: t.top = Int.max / 2
  case .back, .quit:
    state.screen = .inbox
    state.thread = nil
    return ensureInboxLoaded(state)
  case .open, .sync: return []
  }
  t.top = max(0, min(t.top, maxThreadTop(t, state)))
  state.thread = t
  return []
}

/// Keeps the selection inside the view and on screen.
func clampInbox(_ list: inout InboxList, height: Int) {
  list.selected = max(0, min(list.selected, list.total - 1))
  let h = max(1, height)
  if list.selected < list.top { list.top = list.selected }
  if list.selected >= list.top + h { list.top = list.selected - h + 1 }
  list.top = max(0, min(list.top, max(0, list.total - h)))
}

/// Asks for the page around the visible rows when they are not all loaded.
func ensureInboxLoaded(_ state: AppState) -> [Effect] {
  let list = state.inbox
  let visibleEnd = min(list.total, list.top + max(1, state.listHeight))
  let covered = list.loaded && list.top >= list.offset && visibleEnd <= list.offset + list.rows.count
  if covered { return [] }
  let limit = max(200, state.listHeight * 4)
  return [.loadInbox(list.query, offset: max(0, list.top - limit / 4), limit: limit)]
}

func maxThreadTop(_ t: ThreadView, _ state: AppState) -> Int {
  maxThreadTop(lines: t.lines.count, height: state.height)
}

func maxThreadTop(lines: Int, height: Int) -> Int {
  max(0, lines - max(1, height - 2))
}

/// Lays the thread out for the current width (again after a resize), keeping the reader at the newest
/// message if they were there.
func layoutThread(_ state: inout AppState, scrollToNewest: Bool = false) {
  guard var t = state.thread else { return }
  let width = max(1, state.width)
  let wasAtBottom = scrollToNewest || t.top >= maxThreadTop(lines: t.lines.count, height: state.height)
  if t.layoutWidth != width || t.lines.isEmpty {
    t.lines = ThreadLayout.lines(t, width: width, timeZone: state.timeZone)
    t.layoutWidth = width
  }
  let maxTop = maxThreadTop(lines: t.lines.count, height: state.height)
  if scrollToNewest {
    // The newest message in view from its first line: a message longer than the screen is read from its start.
    let newestHeader = t.lines.lastIndex(where: \.isHeader) ?? 0
    t.top = min(maxTop, newestHeader)
  } else {
    t.top = wasAtBottom ? maxTop : max(0, min(t.top, maxTop))
  }
  state.thread = t
}
