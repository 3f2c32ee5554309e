/// What the keys act on at this moment: a screen, or the overlay over it. Every key of every mode is a row of
/// the action table (`Command`), listed by help in that mode.
public enum Mode: String, CaseIterable, Sendable {
  /// The inbox's list of messages.
  case list
  /// A patient's thread.
  case thread
  /// The compose pane's text.
  case editor
  /// A list to choose from, filtered as one types: staff, patients, templates.
  case picker
  /// A line to type and run: `/` search, `:` command, a routing note.
  case prompt
  /// The keys of a mode (`?`), filtered as one types.
  case help
  /// A yes-or-no question; any key but yes keeps things as they are.
  case confirm
  /// After `;`: a triage key for every tagged message.
  case tagged
  /// A form to fill: a check-in's questions.
  case form

  /// How help names it.
  public var title: String {
    switch self {
    case .list: return "inbox"
    case .thread: return "thread"
    case .editor: return "compose pane"
    case .picker: return "picker"
    case .prompt: return "prompt"
    case .help: return "help"
    case .confirm: return "question"
    case .tagged: return "tagged (after ;)"
    case .form: return "check-in form"
    }
  }

  /// Letters and signs are text here (or answers): a command's letter key does not act in this mode unless the
  /// command belongs to this mode alone (confirm's `y`).
  public var takesLetters: Bool { self != .list && self != .thread }
}

extension AppState {
  /// The mode the next key acts in.
  public var mode: Mode {
    switch overlay {
    case .help?: return .help
    case .staff?, .patients?, .templates?, .checkIns?: return .picker
    case .command?, .search?, .note?: return .prompt
    case .confirmDiscard?, .confirmAnyStaff?, .confirmQuit?: return .confirm
    case .tagPrefix?: return .tagged
    case .checkIn?: return .form
    case nil:
      switch screen {
      case .inbox: return .list
      case .thread: return .thread
      case .compose: return compose?.confirmingDiscard == true ? .confirm : .editor
      }
    }
  }
}
