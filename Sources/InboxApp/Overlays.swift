import Clinic
import TerminalUI

/// What sits over the screen and takes the keys while it is open.
public enum Overlay: Equatable {
  case help(HelpOverlay)
  case picker(PickerOverlay)
  case note(NoteOverlay)
  case commandLine(String)
  /// `/`: words to find in the current view.
  case search(String)
  /// Ctrl-T in the compose pane: templates, filtered as the user types, the selected one previewed.
  case templates(filter: String, selected: Int)
  /// `c`: whom to write to, from the cached patients.
  case patients(query: String, results: [PatientRecord], selected: Int)
  /// `X`: discard a failed message? (its text is kept as a draft)
  case confirmDiscard(messageID: String)
}

/// A search kept in the config, shown in the sidebar under the views.
public struct SavedSearch: Equatable, Sendable {
  public var name: String
  public var view: InboxView
  public var text: String
  public init(name: String, view: InboxView, text: String) { self.name = name; self.view = view; self.text = text }
}

/// `?`: the current screen's actions, filtered as the user types.
public struct HelpOverlay: Equatable {
  public var filter = ""
  public var screen: AppState.Screen

  public func rows(keys: KeyMap) -> [(keys: String, name: String, help: String)] {
    let f = filter.lowercased()
    return Command.allCases.filter { $0.info.screens.contains(screen) }.compactMap { c in
      let k = c.effectiveKeys(on: screen, keys: keys).map(KeyMap.name).joined(separator: " ")
      guard f.isEmpty || c.rawValue.contains(f) || c.info.help.lowercased().contains(f) || k.lowercased().contains(f) else { return nil }
      return (k, c.rawValue, c.info.help)
    }
  }
}

/// The practitioner picker: incremental search over the cached staff.
public struct PickerOverlay: Equatable {
  public enum Purpose: Equatable {
    case route(messageID: String, patientID: String)
    case actAs
  }
  public var purpose: Purpose
  public var query = ""
  /// Also list staff who cannot be scheduled (Canvas hides them unless asked).
  public var includeNonSchedulable = false
  public var staff: [StaffMember] = []
  public var selected = 0

  public init(purpose: Purpose, includeNonSchedulable: Bool = false, staff: [StaffMember] = []) {
    self.purpose = purpose; self.includeNonSchedulable = includeNonSchedulable; self.staff = staff
  }

  public var results: [StaffMember] { StaffSearch.filter(staff, query) }
}

/// The short note a routing Task carries (Canvas requires a description).
public struct NoteOverlay: Equatable {
  public var messageID: String
  public var patientID: String
  public var owner: StaffMember
  public var text = ""
}

/// A triage step that `z` can take back.
public enum TriageStep: Equatable {
  case markedDone(messageID: String)
  case markedUnread(messageID: String, wasUnread: Bool)
  case routed(messageID: String)
}
