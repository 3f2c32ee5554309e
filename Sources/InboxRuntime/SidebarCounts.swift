import Foundation
import InboxApp
import Store

/// What each re-read of the screen counts apart from the keys: the sidebar's counts, the longest wait, and the
/// patients' messages that arrived since the last look (the bell, the notification, the title's count).
extension StoreEffects {
  /// The sidebar's counts — every view and every saved search — counted apart and posted back. A view's count is
  /// a sum of counters; a saved search's is a search (a fifth of a second for a common word at a million), so
  /// while a sync runs those keep their last figures and are counted again when it ends.
  func countInBackground(_ ask: SidebarAsk) {
    let me = ask.me, searches = ask.searches, store = self.store, post = self.post
    let syncing = ask.syncing, lastSaved = ask.lastSaved, colleagues = ask.covering
    DispatchQueue.global(qos: .userInitiated).async {
      guard let views = try? store.viewCounts(me: me) else { return }
      let covered = (try? store.coveredCounts(colleagues)) ?? [:]
      let longestWait = try? store.longestWait(me: me)
      var saved: [String: Int] = syncing ? lastSaved : [:]
      for s in searches where !syncing || lastSaved[s.name] == nil {
        saved[s.name] = (try? store.count(MessageQuery(view: s.view, me: me, search: s.text))) ?? 0
      }
      post(.countsLoaded(views, saved: saved, covered: covered, longestWait: longestWait ?? nil))
      self.tellArrivals(ask)
    }
  }

  /// Tells of patients' messages that arrived since the last look, in the views the clinician watches. What was
  /// there when the inbox opened is never told of — nor what the first sync after opening catches up with (what
  /// the server already had: a day offline is not a day of bells); from the next sync on, each arrival is told of
  /// once.
  func tellArrivals(_ ask: SidebarAsk) {
    telling.lock()
    defer { telling.unlock() }
    guard let newest = try? store.newestMessageRow() else { return }
    guard let told = toldUpTo, ask.caughtUp else {
      toldUpTo = newest
      return
    }
    guard newest > told else { return }
    toldUpTo = newest
    guard let found = try? store.arrivals(after: told, upTo: newest, me: ask.me, covering: ask.covering,
                                          views: config.alerts.views), found.count > 0 else { return }
    post(.newMessagesArrived(NewMessages(count: found.count, urgent: found.urgent, names: found.names)))
  }

  /// The first sync since opening has ended: what it brought is taken as seen.
  func caughtUp() {
    telling.lock()
    defer { telling.unlock() }
    if let newest = try? store.newestMessageRow() { toldUpTo = newest }
  }
}
