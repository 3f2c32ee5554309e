import Foundation
import Clinic

/// What the background sync and the cache's changes bring: the status line's activity, and the screen read again
/// with the selection kept where the clinician put it.
func reduceSync(_ state: inout AppState, _ action: Action) -> [Effect] {
  switch action {
  case .syncStarted:
    if case .offline = state.status.activity { return [] }   // stay "offline since …" until it is back
    state.status.activity = .syncing(done: 0, of: nil)
    return []
  case .syncProgress(let pages, let estimate):
    state.status.activity = .syncing(done: pages, of: estimate)
    return []
  case .syncFinished(let at, let queued, let nextRetry, let feedProblem):
    state.status.activity = .idle
    if let feedProblem, state.status.news != nil { state.status.news = .polling(feedProblem) }
    state.status.lastSync = at
    state.status.queued = queued
    state.status.nextRetry = queued > 0 ? nextRetry : nil
    // The first sync since opening caught up with what the server had: only what comes after is told of.
    let first: [Effect] = state.news.caughtUp ? [] : [.caughtUp]
    state.news.caughtUp = true
    return first + [.loadCounts(state.sidebarAsk)] + flushReread(&state) + ConfirmQuit.sentAll(&state)
  case .syncFailed(let reason, let offline, let queued, let nextRetry):
    state.status.queued = queued
    state.status.nextRetry = queued > 0 ? nextRetry : nil
    if offline {
      if case .offline = state.status.activity {} else { state.status.activity = .offline(since: state.now) }
    } else {
      state.status.activity = .failed(reason)
    }
    return flushReread(&state)
  case .newsLink(let link):
    state.status.news = link
    return []
  case .inboxReloaded(let total, let selectedIndex, let query):
    if let query, query != state.inbox.query { return [] }
    var list = state.inbox
    let oldSelected = list.selected
    list.total = total
    list.counted = true
    // `z` put the selection on what it restored: that is the clinician's choice too.
    if list.follow != nil { list.chosen = true }
    list.follow = nil
    if !list.chosen {
      // Nobody moved it: the newest, whatever a sync brings above.
      list.selected = 0
      list.top = 0
    } else if let i = selectedIndex {
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
    return ensureInboxLoaded(&state)
  case .cacheChanged:
    // The compose pane shows none of the cache, and its every keystroke saves a draft: what changed is read when
    // the clinician leaves it.
    if state.screen == .compose {
      state.cache.rereadPending = true
      return []
    }
    // Stored pages show as they come (a long first sync fills the list as it goes), re-read at most once a second
    // while a sync runs: a count of a large view is not free, and a sync brings pages faster than anyone reads.
    if case .syncing = state.status.activity, state.now.timeIntervalSince(state.cache.lastLiveReload) < 1 {
      state.cache.rereadPending = true
      return []
    }
    state.cache.lastLiveReload = state.now
    state.cache.rereadPending = false
    return [reread(state)]
  default:
    return []
  }
}
