import Foundation
import Clinic
import TerminalUI

/// New patient messages in watched views: the bell, a notification that names no patient unless the config
/// allows it (and never while the screen is locked), and a count in the title until the clinician's next key.
func arrived(_ news: inout NewMessages, _ state: inout AppState) -> [Effect] {
  guard news.count > 0 else { return [] }
  let a = state.config.alerts
  if !a.names || state.session.lock != nil { news.names = [] }
  state.news.unseen += news.count
  let alert = TerminalAlert(bell: a.bell, notification: a.notify ? news.text : nil,
                            title: a.title ? "clinbox (\(state.news.unseen) new)" : nil)
  guard alert.bell || alert.notification != nil || alert.title != nil else { return [] }
  return [.alert(alert)]
}

/// A key: the clinician is at the screen, so the title's count goes.
func seen(_ state: inout AppState) -> [Effect] {
  guard state.news.unseen > 0 else { return [] }
  state.news.unseen = 0
  return state.config.alerts.title ? [.alert(TerminalAlert(bell: false, notification: nil, title: "clinbox"))] : []
}
