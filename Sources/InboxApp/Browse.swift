import Foundation
import Clinic
import TerminalUI

/// A command, wherever it came from (a key, a click, the `:` line), in the mode it was given in.
func apply(_ command: Command, _ state: inout AppState) -> [Effect] {
  if let overlay = state.overlay { return overlay.run(command, &state) }
  if state.screen == .compose { return composeCommand(command, &state) }
  if let effects = triage(command, &state) { return effects }
  return state.screen == .inbox ? inbox(command, &state) : thread(command, &state)
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
  case .help: state.overlay = .help(HelpOverlay(mode: state.mode)); return []
  case .command: state.overlay = .command(CommandPrompt()); return []
  case .search: state.overlay = .search(SearchPrompt()); return []
  case .privacy: state.privacy.toggle(); layoutThread(&state); return []
  case .lock: return lockNow(&state)
  case .suspend: return [.suspend]
  case .cover:
    state.overlay = .staff(StaffPicker(purpose: .cover, includeNonSchedulable: true))
    return [.loadStaff(includeNonSchedulable: true)]
  case .anyStaff:
    guard state.news.syncsAnyStaff else {
      notify("asking the server what Any staff holds…", &state)
      return [.measureAnyStaff]
    }
    state.news.syncsAnyStaff = false
    notify("Any staff is no longer synced (what is cached stays)", &state)
    return [.setAnyStaff(false)]
  case .reply:
    let patient = state.screen == .thread ? state.thread?.patientID : m?.patientID
    guard let patient else { return [] }
    return [.startCompose(patientID: patient, returnTo: state.screen)]
  case .compose:
    var picker = PatientPicker()
    let effects = PatientPicker.search(&picker, online: state.online)
    state.overlay = .patients(picker)
    return effects
  case .retry:
    guard let failed = failedMessage(state) else { notify("R retries a failed message", &state); return [] }
    return [.retry(messageID: failed.id)]
  case .discardFailed:
    guard let failed = failedMessage(state) else { notify("X discards a failed message", &state); return [] }
    state.overlay = .confirmDiscard(messageID: failed.id)
    return []
  case .toggleUnread:
    guard let m else { return [] }
    state.triage.undo.append(.markedUnread(messageID: m.id, wasUnread: m.unread))
    notify(m.unread ? "marked read · z undoes" : "marked unread · z undoes", &state)
    return markUnread(m.id, !m.unread, &state)
  case .done:
    // Done marks done and moves on, never the other way: `z` takes a done back (a second `d` once reopened a
    // routing's Task without a word).
    guard let m else { return [] }
    var effects: [Effect] = []
    if m.done {
      notify("already done · z undoes the last done", &state)
    } else {
      state.triage.undo.append(.markedDone(messageID: m.id))
      notify("done · z undoes", &state)
      effects = markDone(m.id, true, &state)
    }
    // Where done messages stay in the view (All, Sent, Outbox, Done), the selection moves to the next one itself.
    let keeps: Set<InboxView> = [.all, .sent, .outbox, .done]
    if state.screen == .inbox, keeps.contains(state.inbox.query.view) { effects += inbox(.down, &state) }
    return effects
  case .route:
    guard let m else { return [] }
    state.overlay = .staff(StaffPicker(purpose: .route([MessageRef(id: m.id, patientID: m.patientID)])))
    return [.loadStaff(includeNonSchedulable: false)]
  case .undo:
    guard let step = state.triage.undo.popLast() else { notify("nothing to undo", &state); return [] }
    return undo(step, &state)
  case .tag, .tagAll, .tagPrefix:
    return tagging(command, &state)
  case .recordMessage:
    // In a thread the patient is known; in the list, asked for.
    if state.screen == .thread, let t = state.thread {
      return recordFor(patientID: t.patientID, patientName: t.patient?.displayName ?? "", &state)
    }
    var picker = PatientPicker(recording: true)
    let effects = PatientPicker.search(&picker, online: state.online)
    state.overlay = .patients(picker)
    return effects
  case .recordCheckIn, .checkInHistory, .askCheckIn:
    let patient = state.screen == .thread ? state.thread.map { ($0.patientID, $0.patient?.displayName ?? "") }
      : m.map { ($0.patientID, $0.patientName) }
    guard let (id, name) = patient else { return [] }
    if command == .checkInHistory {
      state.overlay = .checkIns(CheckInHistory(patientID: id, patientName: name))
      return [.loadCheckIns(patientID: id)]
    }
    var entry = CheckInEntry(patientID: id, patientName: name)
    entry.asking = command == .askCheckIn
    state.overlay = .checkIn(entry)
    return [.loadCheckInForms]
  default: return nil
  }
}

/// `z`: one step back — for a step over tagged messages, every one of them.
private func undo(_ step: TriageStep, _ state: inout AppState) -> [Effect] {
  switch step {
  case .markedDone(let id):
    notify("undone: no longer done", &state)
    state.inbox.follow = id
    return markDone(id, false, &state)
  case .markedUnread(let id, let was):
    notify(was ? "undone: unread again" : "undone: read again", &state)
    state.inbox.follow = id
    return markUnread(id, was, &state)
  case .routed(let id):
    notify("undone: routing cancelled", &state)
    state.inbox.follow = id
    return [.cancelRoute(messageID: id, patientID: state.patient(of: id))]
  case .together(let steps):
    let effects = steps.flatMap { undo($0, &state) }
    notify("undone for \(counted(steps.count, "message"))", &state)
    return effects
  }
}

/// Marks shown at once on the loaded row (the cache's re-read follows, and takes the row out of a view it left):
/// at a million messages that re-read takes tenths of a second, the mark a frame.
func markDone(_ id: MessageID, _ done: Bool, _ state: inout AppState) -> [Effect] {
  changeRow(id, &state) { $0.done = done }
  return [.setDone(messageID: id, patientID: state.patient(of: id), done: done)]
}

func markUnread(_ id: MessageID, _ unread: Bool, _ state: inout AppState) -> [Effect] {
  changeRow(id, &state) { $0.unread = unread }
  return [.setUnread(messageID: id, patientID: state.patient(of: id), unread: unread)]
}

private func changeRow(_ id: MessageID, _ state: inout AppState, _ change: (inout Message) -> Void) {
  guard let i = state.inbox.rows.firstIndex(where: { $0.id == id }) else { return }
  change(&state.inbox.rows[i])
}

private func inbox(_ command: Command, _ state: inout AppState) -> [Effect] {
  var list = state.inbox
  let page = max(1, state.listHeight)
  // Where the clinician puts the selection, it stays; `g` hands it back to the newest.
  let moves: [Command] = [.down, .up, .pageDown, .pageUp, .last, .open]
  list.chosen = command == .first ? false : list.chosen || moves.contains(command)
  switch command {
  case .down: list.selected += 1
  case .up: list.selected -= 1
  case .pageDown: list.selected += page; list.top += page
  case .pageUp: list.selected -= page; list.top -= page
  case .first: list.selected = 0
  case .last: list.selected = list.total - 1
  case .open:
    state.inbox.chosen = true
    guard let m = list.selectedMessage else { return [] }
    // A draft opens where it was left; anything else opens its patient's thread.
    if m.delivery == .draft { return [.startCompose(patientID: m.patientID, returnTo: .inbox)] }
    return [.loadThread(patientID: m.patientID)]
  case .quit: return ConfirmQuit.request(&state)
  case .nextView, .previousView:
    let count = sidebarItems(state).count
    let i = currentItem(state) ?? (InboxView.sidebar.firstIndex(of: list.query.view) ?? 0)
    return switchTo(item: (i + (command == .nextView ? 1 : count - 1)) % count, &state)
  case .toggleSidebar:
    state.sidebar.visible.toggle()
    return []
  case .leaveSearch:
    return leaveSearch(&state)
  case .saveSearch:
    guard let text = list.query.search,
          !text.isEmpty else { notify("search first (/), then S keeps it", &state); return [] }
    let search = SavedSearch(name: text, view: list.query.view, text: text)
    if state.sidebar.savedSearches.contains(where: { $0.text == text && $0.view == search.view }) {
      notify("already in the sidebar", &state)
      return []
    }
    state.sidebar.savedSearches.append(search)
    notify("kept in the sidebar as “\(text)”", &state)
    return [.saveSearch(search), .loadCounts(state.sidebarAsk)]
  default: return []
  }
  clampInbox(&list, height: state.listHeight)
  state.inbox = list
  return ensureInboxLoaded(&state)
}

/// Keeps the selection inside the view and on screen.
func clampInbox(_ list: inout InboxList, height: Int) {
  list.selected = max(0, min(list.selected, list.total - 1))
  let h = max(1, height)
  if list.selected < list.top { list.top = list.selected }
  if list.selected >= list.top + h { list.top = list.selected - h + 1 }
  list.top = max(0, min(list.top, max(0, list.total - h)))
}

/// Asks for the page around the visible rows when they are not all loaded — and, for a view not counted yet, for
/// its count, apart: the first page is drawn without waiting for it.
func ensureInboxLoaded(_ state: inout AppState) -> [Effect] {
  var effects: [Effect] = []
  if !state.inbox.counted && !state.inbox.countAsked {
    state.inbox.countAsked = true
    effects.append(.countView(state.inbox.query))
  }
  let list = state.inbox
  let visibleEnd = min(list.total, list.top + max(1, state.listHeight))
  let covered = list.loaded && list.top >= list.offset && visibleEnd <= list.offset + list.rows.count
  if covered { return effects }
  let limit = max(200, state.listHeight * 4)
  let page = Effect.loadInbox(list.query, offset: max(0, list.top - limit / 4), limit: limit,
                              total: list.counted ? list.total : nil)
  // The page first: it is what the clinician reads; the count only fills the number in.
  return [page] + effects
}
