import TerminalUI

/// The frame for a state: pure, so frame tests compare text without a terminal.
public func render(_ state: AppState) -> Grid {
  var g = Grid(width: state.width, height: state.height)
  // Below this size no layout is readable; say so instead of drawing a broken one.
  if state.width < 20 || state.height < 3 {
    if state.height > 0 { g.put(TextLayout.truncate("clinbox: window too small", to: state.width), x: 0, y: 0,
                                role: .warning) }
    return g
  }
  if let lock = state.session.lock {
    LockView.draw(lock, state, into: &g)
    return g
  }
  switch state.screen {
  case .inbox: InboxScreen.draw(state, into: &g)
  case .thread:
    if let t = state.thread { ThreadScreen.draw(state, t, into: &g) } else { InboxScreen.draw(state, into: &g) }
  case .compose:
    if let c = state.compose { ComposeScreen.draw(state, c, into: &g) } else { InboxScreen.draw(state, into: &g) }
  }
  state.overlay?.draw(state, into: &g)
  return g
}
