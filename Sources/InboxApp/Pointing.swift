import Foundation
import Clinic
import TerminalUI

/// Moving between the sidebar's views, by key or by pointing, and what a click or the wheel does.
func switchTo(item i: Int, _ state: inout AppState) -> [Effect] {
  let items = sidebarItems(state)
  guard items.indices.contains(i) else { return [] }
  var q = state.inbox.query
  q.view = items[i].view
  q.search = items[i].search
  q.covering = items[i].colleague.map { [$0] } ?? []
  guard q != state.inbox.query else { return [] }
  state.inbox = InboxList(query: q)
  return ensureInboxLoaded(&state)
}

func currentItem(_ state: AppState) -> Int? {
  sidebarItems(state).firstIndex { $0.shows(state.inbox.query) }
}

/// Wheel scrolls, a click selects, a double click opens; a click in the sidebar picks a view.
func mouse(_ e: MouseEvent, _ state: inout AppState) -> [Effect] {
  switch (state.screen, e.kind) {
  case (_, .wheelDown): return apply(.down, &state) + apply(.down, &state) + apply(.down, &state)
  case (_, .wheelUp): return apply(.up, &state) + apply(.up, &state) + apply(.up, &state)
  case (.inbox, .click), (.inbox, .doubleClick):
    if e.x < state.sidebarWidth {
      return switchTo(item: e.y - 2, &state)
    }
    if state.viewBarVisible && e.y == 1 {
      guard let hit = ViewBar.entries(state).first(where: { $0.columns.contains(e.x) }) else { return [] }
      return switchTo(item: hit.item, &state)
    }
    let index = state.inbox.top + e.y - state.listTop
    guard e.y >= state.listTop, e.y < state.listTop + state.listHeight, index < state.inbox.total else { return [] }
    state.inbox.selected = index
    state.inbox.chosen = true
    return e.kind == .doubleClick ? apply(.open, &state) : []
  default: return []
  }
}
