import Foundation
import Clinic
import TerminalUI

/// The whole behaviour of the UI: a state and an action in, the new state and the effects to run out.
/// Pure — no I/O, no clock — so every key press is testable without a terminal.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
  switch action {
  case .tick(let now):
    state.now = now
    // Another process's writes are looked for once a second — not while this one's own sync brings pages,
    // which re-read the screen as they come.
    if case .syncing = state.status.activity { return [] }
    return [.watchCache]
  case .sessionEnded:
    state.quitting = true
    return [.quit]
  case .noticeShown(let text):
    state.status.notice = text
    return []
  case .queuedCounted(let n):
    state.status.queued = n
    return []
  case .actingAsNamed(let name):
    state.status.actingAs = "acting as \(name)"
    return []
  case .resized(let w, let h):
    state.width = max(0, w); state.height = max(0, h)
    layoutThread(&state)
    clampInbox(&state.inbox, height: state.listHeight)
    return ensureInboxLoaded(state)
  case .inboxLoaded(let offset, let rows, let total, let query):
    if let query, query != state.inbox.query { return [] }
    state.inbox.offset = offset
    state.inbox.rows = rows
    state.inbox.total = total
    state.inbox.loaded = true
    clampInbox(&state.inbox, height: state.listHeight)
    return ensureInboxLoaded(state)
  case .threadRefreshed(let patientID, let patient, let messages, let total):
    // The effect was asked for while the thread was open; the reader may have left it since.
    guard state.screen == .thread, state.thread?.patientID == patientID else { return [] }
    return reduce(&state, .threadLoaded(patientID: patientID, patient: patient, messages: messages, total: total))
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
    // Stored pages show as they come (a long first sync fills the list as it goes), the selection kept —
    // re-read at most once a second.
    guard state.now.timeIntervalSince(state.lastLiveReload) >= 1 else { return [] }
    state.lastLiveReload = state.now
    return [.reload(selectedMessageID: state.inbox.selectedMessage?.id,
                    threadPatientID: state.screen == .thread ? state.thread?.patientID : nil)]
  case .syncFinished(let at, let queued, let nextRetry):
    state.status.activity = .idle
    state.status.lastSync = at
    state.status.queued = queued
    state.status.nextRetry = queued > 0 ? nextRetry : nil
    return [.loadCounts, .reload(selectedMessageID: state.inbox.selectedMessage?.id,
                    threadPatientID: state.screen == .thread ? state.thread?.patientID : nil)]
  case .syncFailed(let reason, let offline, let queued, let nextRetry):
    state.status.queued = queued
    state.status.nextRetry = queued > 0 ? nextRetry : nil
    if offline {
      if case .offline = state.status.activity {} else { state.status.activity = .offline(since: state.now) }
    } else {
      state.status.activity = .failed(reason)
    }
    return [.reload(selectedMessageID: state.inbox.selectedMessage?.id,
                    threadPatientID: state.screen == .thread ? state.thread?.patientID : nil)]
  case .inboxReloaded(let total, let selectedIndex, let query):
    if let query, query != state.inbox.query { return [] }
    var list = state.inbox
    let oldSelected = list.selected
    list.total = total
    if let i = selectedIndex {
      if list.top == 0 {
        // At the top of the list, news shows at the top and the selection stays on its message while that is in
        // view; a first sync that brings thousands above it leaves the selection on the newest.
        list.selected = i < max(1, state.listHeight) ? i : 0
      } else {
        // Scrolled down: new messages above push the selection down, and the window moves with it, so nothing
        // on screen jumps.
        list.selected = i
        list.top += i - oldSelected
      }
    }
    list.loaded = false
    clampInbox(&list, height: state.listHeight)
    state.inbox = list
    return ensureInboxLoaded(state)
  case .cacheChanged:
    return [.reload(selectedMessageID: state.inbox.selectedMessage?.id,
                    threadPatientID: state.screen == .thread ? state.thread?.patientID : nil)]
  case .countsLoaded(let counts, let saved):
    state.counts = counts
    state.savedCounts = saved
    return []
  case .composeStarted(let patientID, let name, let draftID, let text, let cursor, let values, let returnTo):
    state.compose = ComposeState(patientID: patientID, patientName: name, draftID: draftID,
                                 editor: Editor(text: text, cursor: cursor), returnTo: returnTo, values: values)
    state.screen = .compose
    state.overlay = nil
    return []
  case .editorReturned(let text):
    guard var c = state.compose, text != c.editor.text else { return [] }
    c.editor.replaceAll(with: text)
    state.compose = c
    return [.saveDraft(id: c.draftID, patientID: c.patientID, text: c.editor.text, cursor: c.editor.cursor)]
  case .draftSaved(let id, let at):
    state.compose?.draftID = id
    state.compose?.savedAt = at
    return []
  case .patientsLoaded(let results):
    if case .patients(let q, _, _)? = state.overlay { state.overlay = .patients(query: q, results: results, selected: 0) }
    return []
  case .staffLoaded(let staff):
    if case .picker(var p)? = state.overlay {
      p.staff = staff
      p.selected = 0
      state.overlay = .picker(p)
    }
    return []
  case .key(let key):
    if state.overlay != nil { return overlayKey(key, &state) }
    if state.screen == .compose { return composeKey(key, &state) }
    if case .mouse(let event) = key { return mouse(event, &state) }
    guard let command = Command.forKey(key, on: state.screen, keys: state.keys) else { return [] }
    return run(command, &state)
  }
}

/// A command, wherever it came from (a key, a click, the `:` line).
func run(_ command: Command, _ state: inout AppState) -> [Effect] {
  if let effects = triage(command, &state) { return effects }
  switch state.screen {
  case .inbox: return inbox(command, &state)
  case .thread: return thread(command, &state)
  case .compose: return []
  }
}

/// The failed message a key acts on: the selected one in the inbox, the newest failed one in a thread.
func failedMessage(_ state: AppState) -> Message? {
  let isFailed = { (m: Message) in m.delivery?.isFailed == true }
  if state.screen == .thread { return state.thread?.messages.last(where: isFailed) }
  return state.inbox.selectedMessage.flatMap { isFailed($0) ? $0 : nil }
}

/// The commands that work the same on every screen; nil for the screen's own.
private func triage(_ command: Command, _ state: inout AppState) -> [Effect]? {
  let m = state.inbox.selectedMessage
  switch command {
  case .sync: return [.syncNow]
  case .help: state.overlay = .help(HelpOverlay(screen: state.screen)); return []
  case .command: state.overlay = .commandLine(""); return []
  case .search: state.overlay = .search(state.inbox.query.search ?? ""); return []
  case .privacy: state.privacy.toggle(); layoutThread(&state); return []
  case .reply:
    let patient = state.screen == .thread ? state.thread?.patientID : m?.patientID
    guard let patient else { return [] }
    return [.startCompose(patientID: patient, returnTo: state.screen)]
  case .compose:
    state.overlay = .patients(query: "", results: [], selected: 0)
    return [.loadPatients(query: "")]
  case .retry:
    guard let failed = failedMessage(state) else { state.status.notice = "R retries a failed message"; return [] }
    return [.retry(messageID: failed.id)]
  case .discardFailed:
    guard let failed = failedMessage(state) else { state.status.notice = "X discards a failed message"; return [] }
    state.overlay = .confirmDiscard(messageID: failed.id)
    return []
  case .toggleUnread:
    guard let m else { return [] }
    state.undo.append(.markedUnread(messageID: m.id, wasUnread: m.unread))
    return [.setUnread(messageID: m.id, unread: !m.unread)]
  case .done:
    guard let m else { return [] }
    if m.done { return [.setDone(messageID: m.id, done: false)] }
    state.undo.append(.markedDone(messageID: m.id))
    return [.setDone(messageID: m.id, done: true)]
  case .route:
    guard let m else { return [] }
    state.overlay = .picker(PickerOverlay(purpose: .route(messageID: m.id, patientID: m.patientID)))
    return [.loadStaff(includeNonSchedulable: false)]
  case .undo:
    guard let step = state.undo.popLast() else { state.status.notice = "nothing to undo"; return [] }
    state.status.notice = nil
    switch step {
    case .markedDone(let id): return [.setDone(messageID: id, done: false)]
    case .markedUnread(let id, let was): return [.setUnread(messageID: id, unread: was)]
    case .routed(let id): return [.cancelRoute(messageID: id)]
    }
  default: return nil
  }
}

/// Keys while an overlay is open: it takes them all.
private func overlayKey(_ key: Key, _ state: inout AppState) -> [Effect] {
  switch state.overlay {
  case .confirmDiscard(let id)?:
    state.overlay = nil
    guard key == .character("y") else { return [] }
    state.status.notice = "discarded — its text is in Drafts"
    return [.discardFailed(messageID: id)]
  case .help(var h)?:
    switch key {
    case .escape: state.overlay = nil
    case .character("?") where h.filter.isEmpty: state.overlay = nil
    case .backspace: if !h.filter.isEmpty { h.filter.removeLast() }; state.overlay = .help(h)
    case .character(let c): h.filter.append(c); state.overlay = .help(h)
    default: break
    }
    return []
  case .picker(var p)?:
    switch key {
    case .escape:
      // Choosing whom to act as cannot be skipped: without it there is no inbox to show.
      if p.purpose == .actAs { return [] }
      state.overlay = nil; return []
    case .down, .control("n"): p.selected = min(p.selected + 1, max(0, p.results.count - 1))
    case .up, .control("p"): p.selected = max(0, p.selected - 1)
    case .tab, .control("a"):
      p.includeNonSchedulable.toggle()
      state.overlay = .picker(p)
      return [.loadStaff(includeNonSchedulable: p.includeNonSchedulable)]
    case .backspace: if !p.query.isEmpty { p.query.removeLast() }; p.selected = 0
    case .character(let c): p.query.append(c); p.selected = 0
    case .enter:
      let results = p.results
      guard results.indices.contains(p.selected) else { return [] }
      let owner = results[p.selected]
      switch p.purpose {
      case .route(let messageID, let patientID):
        state.overlay = .note(NoteOverlay(messageID: messageID, patientID: patientID, owner: owner))
      case .actAs:
        state.overlay = nil
        state.status.actingAs = "acting as \(owner.name)"
        state.status.actingID = owner.id
        var q = state.inbox.query
        q.me = owner.reference
        state.inbox = InboxList(query: q)
        return [.actAs(owner)] + ensureInboxLoaded(state) + [.loadCounts]
      }
      return []
    default: break
    }
    state.overlay = .picker(p)
    return []
  case .note(var n)?:
    switch key {
    case .escape: state.overlay = nil; return []
    case .enter:
      state.overlay = nil
      let note = n.text.trimmingCharacters(in: .whitespaces)
      state.undo.append(.routed(messageID: n.messageID))
      return [.route(messageID: n.messageID, patientID: n.patientID, owner: n.owner.reference,
                     note: note.isEmpty ? "Please review this message" : note)]
    case .backspace: if !n.text.isEmpty { n.text.removeLast() }
    case .character(let c): n.text.append(c)
    default: break
    }
    state.overlay = .note(n)
    return []
  case .templates(let filter, let selected)?:
    return templateKey(key, filter: filter, selected: selected, &state)
  case .patients(let query, let results, let selected)?:
    return patientKey(key, query: query, results: results, selected: selected, &state)
  case .commandLine(var text)?:
    switch key {
    case .escape: state.overlay = nil
    case .backspace:
      if text.isEmpty { state.overlay = nil } else { text.removeLast(); state.overlay = .commandLine(text) }
    case .tab:
      let names = Command.completions(text).filter { $0.info.screens.contains(state.screen) }.map(\.rawValue)
      state.overlay = .commandLine(commonPrefix(names) ?? text)
    case .enter:
      state.overlay = nil
      guard let c = Command(rawValue: text.trimmingCharacters(in: .whitespaces)), c.info.screens.contains(state.screen) else {
        state.status.notice = "no command \"\(text)\" here (Tab completes)"
        return []
      }
      return run(c, &state)
    case .character(let c): text.append(c); state.overlay = .commandLine(text)
    default: break
    }
    return []
  case .search(var text)?:
    switch key {
    case .escape: state.overlay = nil
    case .backspace: if !text.isEmpty { text.removeLast() }; state.overlay = .search(text)
    case .enter:
      state.overlay = nil
      var q = state.inbox.query
      q.search = text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text
      state.inbox = InboxList(query: q)
      return ensureInboxLoaded(state)
    case .character(let c): text.append(c); state.overlay = .search(text)
    default: break
    }
    return []
  case nil:
    return []
  }
}

/// The sidebar's entries: the views, then the saved searches.
func sidebarItems(_ state: AppState) -> [(view: InboxView, search: String?, title: String)] {
  InboxView.allCases.map { ($0, nil, $0.title) } + state.savedSearches.map { ($0.view, $0.text, $0.name) }
}

func switchTo(item i: Int, _ state: inout AppState) -> [Effect] {
  let items = sidebarItems(state)
  guard items.indices.contains(i) else { return [] }
  var q = state.inbox.query
  q.view = items[i].view
  q.search = items[i].search
  guard q != state.inbox.query else { return [] }
  state.inbox = InboxList(query: q)
  return ensureInboxLoaded(state)
}

func currentItem(_ state: AppState) -> Int? {
  sidebarItems(state).firstIndex { $0.view == state.inbox.query.view && $0.search == state.inbox.query.search }
}

func commonPrefix(_ names: [String]) -> String? {
  guard var prefix = names.first else { return nil }
  for n in names.dropFirst() { while !n.hasPrefix(prefix) { prefix.removeLast() } }
  return prefix
}

/// Wheel scrolls, a click selects, a double click opens; a click in the sidebar picks a view.
private func mouse(_ e: MouseEvent, _ state: inout AppState) -> [Effect] {
  switch (state.screen, e.kind) {
  case (_, .wheelDown): return run(.down, &state) + run(.down, &state) + run(.down, &state)
  case (_, .wheelUp): return run(.up, &state) + run(.up, &state) + run(.up, &state)
  case (.inbox, .click), (.inbox, .doubleClick):
    if e.x < state.sidebarWidth {
      return switchTo(item: e.y - 2, &state)
    }
    let index = state.inbox.top + e.y - 1
    guard e.y >= 1, e.y <= state.listHeight, index < state.inbox.total else { return [] }
    state.inbox.selected = index
    return e.kind == .doubleClick ? run(.open, &state) : []
  default: return []
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
    // A draft opens where it was left; anything else opens its patient's thread.
    if m.delivery == .draft { return [.startCompose(patientID: m.patientID, returnTo: .inbox)] }
    return [.loadThread(patientID: m.patientID)]
  case .quit:
    state.quitting = true
    return [.quit]
  case .nextView, .previousView:
    let count = sidebarItems(state).count
    let i = currentItem(state) ?? (InboxView.allCases.firstIndex(of: list.query.view) ?? 0)
    return switchTo(item: (i + (command == .nextView ? 1 : count - 1)) % count, &state)
  case .toggleSidebar:
    state.sidebarVisible.toggle()
    return []
  default: return []
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
  case .quit:
    state.quitting = true
    return [.quit]
  case .back:
    state.screen = .inbox
    state.thread = nil
    return [.reload(selectedMessageID: state.inbox.selectedMessage?.id, threadPatientID: nil)]
  default: return []
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
  if t.layoutWidth != width || t.lines.isEmpty || t.layoutPrivacy != state.privacy {
    t.lines = ThreadLayout.lines(t, width: width, timeZone: state.timeZone, privacy: state.privacy)
    t.layoutWidth = width
    t.layoutPrivacy = state.privacy
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
