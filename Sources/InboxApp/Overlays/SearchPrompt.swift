import TerminalUI
import Foundation
import Clinic

/// `/` — words to find in the current view (its text and patients' names). It opens empty; Up and Down recall
/// earlier searches, Ctrl-U clears the line, Enter shows what matches, Esc closes it and changes nothing. In the
/// list, Esc then leaves the search and puts the view back as it was before it.
public struct SearchPrompt: Equatable, Sendable {
  public var text = ""
  /// Which earlier search Up brought back (0 the latest), if any.
  public var recalled: Int?

  public init(text: String = "") { self.text = text }

  func run(_ command: Command, _ state: inout AppState) -> [Effect] {
    var p = self
    let history = state.searchHistory
    switch command {
    case .cancel: state.overlay = nil; return []
    case .deleteBack: if !p.text.isEmpty { p.text.removeLast() }
    case .killToStart: p.text = ""; p.recalled = nil
    case .up, .down:
      guard !history.isEmpty else { return [] }
      let i = command == .up ? min((p.recalled ?? -1) + 1, history.count - 1) : (p.recalled ?? 0) - 1
      p.recalled = i >= 0 ? i : nil
      p.text = i >= 0 ? history[history.count - 1 - i] : ""
    case .accept:
      state.overlay = nil
      return apply(text, &state)
    default: return []
    }
    state.overlay = .search(p)
    return []
  }

  /// The view filtered by `text` (or no longer, when it is blank); the view as it was is kept for Esc.
  private func apply(_ text: String, _ state: inout AppState) -> [Effect] {
    let words = text.trimmingCharacters(in: .whitespaces)
    if !words.isEmpty {
      state.searchHistory.removeAll { $0 == words }
      state.searchHistory.append(words)
      if state.searchHistory.count > 50 { state.searchHistory.removeFirst() }
    }
    if state.inbox.query.search == nil { state.beforeSearch = state.inbox }
    var q = state.inbox.query
    q.search = words.isEmpty ? nil : words
    state.inbox = InboxList(query: q)
    return ensureInboxLoaded(&state)
  }

  func draw(into g: inout Grid) { drawPromptLine("/", text, into: &g) }
}

/// Esc in the list while a search filters it: the view as it was before the search, selection and all.
func leaveSearch(_ state: inout AppState) -> [Effect] {
  guard state.inbox.query.search != nil else { return [] }
  var q = state.inbox.query
  q.search = nil
  if var before = state.beforeSearch, before.query == q {
    before.loaded = false
    state.inbox = before
  } else {
    state.inbox = InboxList(query: q)
  }
  state.beforeSearch = nil
  return ensureInboxLoaded(&state) + [reread(state)]
}
