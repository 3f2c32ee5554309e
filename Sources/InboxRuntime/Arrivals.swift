import Foundation
import InboxApp
import Store

extension StoreEffects {
  /// Tells of patients' messages that arrived since the last look, in the views the clinician watches. What was
  /// there when the inbox opened is never told of — nor what the first sync after opening catches up with (what
  /// the server already had: a day offline is not a day of bells); from the next sync on, each arrival is told of
  /// once.
  func tellArrivals(_ state: AppState) {
    telling.lock()
    defer { telling.unlock() }
    guard let newest = try? store.newestMessageRow() else { return }
    guard let told = toldUpTo, state.caughtUp else {
      toldUpTo = newest
      return
    }
    guard newest > told else { return }
    toldUpTo = newest
    let covering = state.covering.map(\.reference)
    guard let found = try? store.arrivals(after: told, upTo: newest, me: state.inbox.query.me, covering: covering,
                                          views: state.alerts.views), found.count > 0 else { return }
    post(.newMessagesArrived(NewMessages(count: found.count, urgent: found.urgent, names: found.names)))
  }

  /// The first sync since opening has ended: what it brought is taken as seen.
  func caughtUp() {
    telling.lock()
    defer { telling.unlock() }
    if let newest = try? store.newestMessageRow() { toldUpTo = newest }
  }
}
