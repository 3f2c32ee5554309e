import Clinic

/// A colleague whose inbox the acting clinician covers (`:cover`, the profile's `cover`, or `--cover`).
public struct CoveredColleague: Equatable, Sendable {
  public var id: StaffID
  public var name: String
  public init(id: StaffID, name: String) { self.id = id; self.name = name }
}

/// One entry of the sidebar: a view, a covered colleague's inbox, or a saved search.
struct SidebarItem: Equatable {
  var view: InboxView
  var search: String?
  var title: String
  /// The covered colleague whose inbox this is.
  var colleague: StaffID?

  /// Its count as last counted (nil: not counted yet).
  func count(_ state: AppState) -> Int? {
    if let colleague { return state.sidebar.coveredCounts[colleague] }
    return search == nil ? state.sidebar.counts[view] : state.sidebar.savedCounts[title]
  }

  /// Drawn as a saved search ("/ refill").
  var isSearch: Bool { search != nil }

  /// Whether its count draws the eye: unread messages, or an urgent one.
  func calls(_ state: AppState) -> Bool {
    guard search == nil, colleague == nil, view == .unread || view == .urgent else { return false }
    return (count(state) ?? 0) > 0
  }

  /// Whether `query` is what this entry shows.
  func shows(_ query: MessageQuery) -> Bool {
    query.view == view && query.search == search && query.covering == (colleague.map { [$0] } ?? [])
  }
}

/// The sidebar's entries: the views, the covered colleagues' inboxes, then the saved searches.
func sidebarItems(_ state: AppState) -> [SidebarItem] {
  InboxView.sidebar.map { SidebarItem(view: $0, title: $0.title) }
    + state.sidebar.covering.map { SidebarItem(view: .covering, title: "Covering \(PersonName.short($0.name))",
                                       colleague: $0.id) }
    + state.sidebar.savedSearches.map { SidebarItem(view: $0.view, search: $0.text, title: $0.name) }
}

/// Covers a colleague's inbox (an entry in the sidebar, synced as a scope of its own from the next sync), or
/// stops covering it when it already is; nobody covers their own.
func toggleCover(_ colleague: StaffMember, _ state: inout AppState) -> [Effect] {
  guard colleague.id != state.inbox.query.me else {
    notify("that is your own inbox (Mine)", &state)
    return []
  }
  if state.sidebar.covering.contains(where: { $0.id == colleague.id }) {
    let wasShown = state.inbox.query.covering == [colleague.id]
    state.sidebar.covering.removeAll { $0.id == colleague.id }
    notify("no longer covering \(colleague.name)", &state)
    return [.setCovering(colleague.id, false, counts: state.sidebarAsk)] + (wasShown ? switchTo(item: 0, &state) : [])
  }
  state.sidebar.covering.append(CoveredColleague(id: colleague.id, name: colleague.name))
  // Their inbox's backlog is not news: the next sync catches up in silence, as the first one after opening does.
  state.news.caughtUp = false
  notify("covering \(colleague.name): their inbox syncs now", &state)
  return [.setCovering(colleague.id, true, counts: state.sidebarAsk)]
}
