import Foundation
import Clinic
import Templates
import TerminalUI

/// What an overlay may read of the app while it has the keys: the screen, the clock, the configuration. An
/// overlay's reducer changes only its own value (it returns it); what it asks of the rest of the app — a
/// routing's undo step, the compose pane, a search over the inbox — comes back as an `OverlayFinish`, which the
/// app takes (`finish`). So an overlay cannot reach into the inbox, and the app's steps are in one place.
struct OverlayContext {
  let bounds: Rect
  let config: AppState.Configuration
  let screen: AppState.Screen
  let now: Date
  /// A server is in reach (the patient picker asks it by name).
  let online: Bool
  /// Searches given this session, oldest first (`/` recalls them).
  let searchHistory: [String]
  /// Where the template picker is drawn (beside the patient's words in the compose pane).
  let templatesBox: Rect

  init(_ state: AppState) {
    bounds = state.bounds; config = state.config; screen = state.screen; now = state.now; online = state.online
    searchHistory = state.triage.searchHistory
    templatesBox = state.overlay.map { if case .templates = $0 { true } else { false } } == true
      ? TemplatePicker.frame(state) : state.bounds
  }
}

/// What a key in an overlay came to.
enum OverlayStep: Equatable {
  /// The overlay stays open, as it now is (perhaps another overlay in its place), with effects to perform.
  case stay(Overlay, [Effect] = [])
  /// The overlay closes, with effects and a word on the status line.
  case close([Effect] = [], notice: String? = nil)
  /// The overlay closes and the app takes a step of its own.
  case finish(OverlayFinish)
}

/// The steps an overlay asks of the app, taken by `finish` with the whole state.
enum OverlayFinish: Equatable {
  /// The practitioner picker chose someone, for its purpose.
  case chose(StaffMember, for: StaffPicker.Purpose)
  /// A routing's note was given: route the messages.
  case route(RouteNote)
  /// The patient picker chose a patient: write to them, or record their message.
  case chosePatient(PatientRecord, recording: Bool)
  /// A template into the compose pane.
  case template(Template)
  /// `:` named a command.
  case command(Command)
  /// `/` gave words to find.
  case search(String)
  /// The quit question was answered (yes: quit now; else wait for the outbox, if nothing is unsaved).
  case quitAnswered(yes: Bool)
  /// The Any staff question was answered.
  case anyStaffAnswered(yes: Bool)
  /// After `;`: a triage key for every tagged message.
  case tagged(Command)
}

extension AppState {
  /// A server is in reach: one is configured and the last sync did not find it offline.
  var online: Bool {
    guard status.server != "offline" else { return false }
    if case .offline = status.activity { return false }
    return true
  }

  /// Takes what an overlay's key came to.
  mutating func take(_ step: OverlayStep) -> [Effect] {
    switch step {
    case .stay(let overlay, let effects):
      self.overlay = overlay
      return effects
    case .close(let effects, let notice):
      overlay = nil
      if let notice { notify(notice, &self) }
      return effects
    case .finish(let finish):
      overlay = nil
      return InboxApp.finish(finish, &self)
    }
  }
}
