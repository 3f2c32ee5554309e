import Foundation
import Clinic
import TerminalUI

/// The whole behaviour of the UI: a state and an action in, the new state and the effects to run out.
/// Pure — no I/O, no clock — so every key press is testable without a terminal.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
  switch action {
  case .tick(let now):
    state.now = now
    if state.session.lastInput == .distantPast { state.session.lastInput = now }
    let locking = idleLockDue(state) ? lockNow(&state) : []
    expireNotice(&state)
    let pending = (state.screen == .compose ? [] : flushReread(&state)) + Unsaved.retry(&state)
    // Another process's writes are looked for once a second — not while this one's own sync brings pages,
    // which the cache's observation reports as they are stored.
    if case .syncing = state.status.activity { return locking + pending }
    return locking + pending + [.watchCache]
  case .passphraseChecked(let ok):
    return passphraseChecked(ok, &state)
  case .terminate:
    return quit(&state)
  case .unsentLoaded(let writes):
    return ConfirmQuit.loaded(writes, &state)
  case .noticeShown(let text):
    notify(text, &state, for: 8)
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
    return ensureInboxLoaded(&state)
  case .inboxLoaded(let offset, let rows, let total, let query):
    if let query, query != state.inbox.query { return [] }
    state.inbox.offset = offset
    state.inbox.rows = rows
    if let total {
      state.inbox.total = total
      state.inbox.counted = true
    } else if !state.inbox.counted {
      state.inbox.total = max(state.inbox.total, offset + rows.count)
    }
    state.inbox.loaded = true
    clampInbox(&state.inbox, height: state.listHeight)
    return ensureInboxLoaded(&state)
  case .threadRefreshed(let patientID, let patient, let messages, let total):
    // The effect was asked for while the thread was open; the reader may have left it since.
    guard state.screen == .thread, state.thread?.patientID == patientID else { return [] }
    return reduce(&state, .threadLoaded(patientID: patientID, patient: patient, messages: messages, total: total))
  case .threadLoaded(let patientID, let patient, let messages, let total):
    let reopened = state.screen == .thread && state.thread?.patientID == patientID
    let previous = state.thread
    state.thread = ThreadView(patientID: patientID, patient: patient, messages: messages,
                              olderCount: max(0, total - messages.count))
    if previous?.patientID == patientID {
      state.thread?.checkIns = previous?.checkIns ?? []
      state.thread?.forms = previous?.forms ?? []
      state.thread?.refused = previous?.refused ?? []
    }
    state.screen = .thread
    if reopened, let previous {
      // A sync refreshed the open thread: keep the reader's place (at the newest if they were there).
      state.thread?.top = previous.top
      let wasAtBottom = previous.top >= maxThreadTop(previous, state)
      layoutThread(&state)
      if wasAtBottom, let lines = state.thread?.lines.count {
        let rows = state.threadPanes.messages.height
        state.thread?.top = maxThreadTop(lines: lines, rows: rows)
      }
    } else {
      layoutThread(&state, scrollToNewest: true)
    }
    return []
  case .checkInsLoaded(let patientID, let checkIns, let forms, let refused):
    if case .checkIns(var h)? = state.overlay, h.patientID == patientID {
      h.checkIns = checkIns
      h.forms = forms
      h.refused = refused
      state.overlay = .checkIns(h)
    }
    guard state.thread?.patientID == patientID else { return [] }
    state.thread?.checkIns = checkIns
    state.thread?.forms = forms
    state.thread?.refused = refused
    // The panel takes room from the messages: laid out again for what is left, the reader kept in place.
    state.thread?.layoutWidth = 0
    layoutThread(&state)
    return []
  case .syncStarted, .syncProgress, .syncFinished, .syncFailed, .inboxReloaded, .cacheChanged, .newsLink:
    return reduceSync(&state, action)
  case .viewCounted(let total, let query):
    guard query == state.inbox.query else { return [] }
    state.inbox.total = total
    state.inbox.counted = true
    clampInbox(&state.inbox, height: state.listHeight)
    return ensureInboxLoaded(&state)
  case .countsLoaded(let counts, let saved, let covered, let longestWait):
    state.sidebar.counts = counts
    state.sidebar.savedCounts = saved
    state.sidebar.coveredCounts = covered
    state.sidebar.longestWait = longestWait
    return []
  case .composeStarted(let patientID, let name, let draftID, let text, let cursor, let values, let returnTo,
                       let thread):
    var c = ComposeState(patientID: patientID, patientName: name, draftID: draftID,
                         editor: Editor(text: text, cursor: cursor), returnTo: returnTo, values: values,
                         thread: thread)
    Unsaved.resumed(&c, &state)
    state.compose = c
    state.screen = .compose
    state.overlay = nil
    return []
  case .editorReturned(let text):
    guard var c = state.compose, text != c.editor.text else { return [] }
    c.editor.replaceAll(with: text)
    state.compose = c
    return [saveDraft(c)]
  case .draftSaved(let id, let at):
    state.compose?.draftID = id
    state.compose?.savedAt = at
    state.compose?.notSaved = nil
    return []
  case .draftNotSaved(let patientID, let why, let file):
    Unsaved.refused(patientID: patientID, why: why, file: file, &state)
    return []
  case .unsavedSaved(let texts):
    return Unsaved.saved(texts, &state)
  case .cacheWritable:
    Unsaved.writable(&state)
    return []
  case .patientsLoaded(let results):
    if case .patients(var p)? = state.overlay {
      p.results = results
      p.scroll = ListScroll()
      state.overlay = .patients(p)
    }
    return []
  case .patientsFound(let patients, let query):
    PatientPicker.found(patients, query: query, &state)
    return []
  case .staffLoaded(let staff):
    if case .staff(var p)? = state.overlay {
      p.staff = StaffPicker.offered(staff, for: p.purpose, me: state.status.actingID)
      p.scroll = ListScroll()
      state.overlay = .staff(p)
    }
    return []
  case .key(let key):
    if state.session.lock != nil { return lockedKey(key, &state) }
    state.session.lastInput = state.now
    return seen(&state) + press(key, &state)
  case .newMessagesArrived(var news):
    return arrived(&news, &state)
  case .anyStaffMeasured(let cost):
    guard let cost else {
      notify("Any staff: the server could not be asked what it holds (offline?)", &state)
      return []
    }
    state.overlay = .confirmAnyStaff(cost: cost)
    return []
  case .checkInFormsLoaded(let forms):
    if case .checkIn(var e)? = state.overlay, e.form == nil {
      e.forms = forms
      e.formsLoaded = true
      state.overlay = .checkIn(e)
    }
    return []
  case .viewTagged(let refs, let query):
    guard query == state.inbox.query else { return [] }
    state.triage.tagged.formUnion(refs)
    let capped = refs.count >= tagLimit ? " (the first \(tagLimit))" : ""
    notify("\(state.triage.tagged.count) tagged\(capped) · ; then d, u, r or a acts on them", &state)
    return []
  }
}

/// What is on screen, read again after the cache changed: the view (the selection kept on its message) and the
/// open thread.
func reread(_ state: AppState) -> Effect {
  .reload(query: state.inbox.query, selectedMessageID: state.inbox.follow ?? state.inbox.selectedMessage?.id,
          threadPatientID: state.screen == .thread ? state.thread?.patientID : nil,
          nameActing: state.status.actingAs.isEmpty, counts: state.sidebarAsk)
}

/// The re-read a sync's pages were kept waiting for, if any.
func flushReread(_ state: inout AppState) -> [Effect] {
  guard state.cache.rereadPending else { return [] }
  state.cache.rereadPending = false
  state.cache.lastLiveReload = state.now
  return [reread(state)]
}

/// A key in the current mode: a command of the table, or text where the mode takes text.
func press(_ key: Key, _ state: inout AppState) -> [Effect] {
  let mode = state.mode
  if case .mouse(let event) = key { return mode == .list || mode == .thread ? mouse(event, &state) : [] }
  if let command = Command.forKey(key, in: mode, keys: state.config.keys) { return apply(command, &state) }
  switch key {
  case .character(let c) where mode.takesLetters: return type(String(c), &state)
  case .paste(let text) where mode.takesLetters: return type(text, &state)
  // A question is answered no by any key that is not yes; after `;` a key that is not a triage key does nothing.
  default: return mode == .confirm || mode == .tagged ? apply(.cancel, &state) : []
  }
}

/// Text typed or pasted where the mode takes it.
func type(_ text: String, _ state: inout AppState) -> [Effect] {
  if let overlay = state.overlay { return overlay.type(text, &state) }
  return state.screen == .compose ? composeType(text, &state) : []
}

/// Ctrl-C, `q` in the inbox, or a signal: leave, drafts already saved.
func quit(_ state: inout AppState) -> [Effect] {
  state.quitting = true
  return [.quit]
}
