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

  func run(_ command: Command, _ c: OverlayContext) -> OverlayStep {
    var p = self
    let history = c.searchHistory
    switch command {
    case .cancel: return .close()
    case .deleteBack: if !p.text.isEmpty { p.text.removeLast() }
    case .killToStart: p.text = ""; p.recalled = nil
    case .up, .down:
      guard !history.isEmpty else { return .stay(.search(self)) }
      let i = command == .up ? min((p.recalled ?? -1) + 1, history.count - 1) : (p.recalled ?? 0) - 1
      p.recalled = i >= 0 ? i : nil
      p.text = i >= 0 ? history[history.count - 1 - i] : ""
    case .accept: return .finish(.search(text))
    default: break
    }
    return .stay(.search(p))
  }

  func draw(into g: inout Grid) { drawPromptLine("/", text, into: &g) }
}

/// Esc in the list while a search filters it: the view as it was before the search, selection and all.
func leaveSearch(_ state: inout AppState) -> [Effect] {
  guard state.inbox.query.search != nil else { return [] }
  var q = state.inbox.query
  q.search = nil
  if var before = state.triage.beforeSearch, before.query == q {
    before.loaded = false
    state.inbox = before
  } else {
    state.inbox = InboxList(query: q)
  }
  state.triage.beforeSearch = nil
  return ensureInboxLoaded(&state) + [reread(state)]
}
