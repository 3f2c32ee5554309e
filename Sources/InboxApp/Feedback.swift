import Foundation

/// A line in the status bar that says what just happened, for a few seconds: every triage step confirms itself,
/// and nothing said on one screen lingers on the next.
func notify(_ text: String?, _ state: inout AppState, for seconds: TimeInterval = 4) {
  state.status.notice = text
  state.status.noticeUntil = text == nil ? nil : state.now.addingTimeInterval(seconds)
}

/// At a tick: a notice whose time is up goes.
func expireNotice(_ state: inout AppState) {
  guard let until = state.status.noticeUntil, state.now >= until else { return }
  state.status.notice = nil
  state.status.noticeUntil = nil
}
