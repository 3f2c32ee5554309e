import Clinic
import TerminalUI

/// What sits over the screen and takes the keys while it is open; one file an overlay, each with its keys (as
/// commands of its mode), what typing does, and how it is drawn.
public enum Overlay: Equatable, Sendable {
  /// `?`: the keys of the mode underneath; closing it goes back there.
  indirect case help(HelpOverlay)
  /// The practitioner picker: route to a colleague, or choose whom to act as.
  case staff(StaffPicker)
  /// `c`: whom to write to, from the cached patients.
  case patients(PatientPicker)
  /// Ctrl-T in the compose pane: templates, the selected one previewed.
  case templates(TemplatePicker)
  /// The short note a routing Task carries.
  case note(RouteNote)
  /// `:` a command by name.
  case command(CommandPrompt)
  /// `/` words to find in the current view.
  case search(SearchPrompt)
  /// `X`: discard a failed message? (its text is kept as a draft)
  case confirmDiscard(messageID: MessageID)
  /// `:any-staff` with its cost: y syncs Any staff from now on.
  case confirmAnyStaff(cost: String)
  /// `q` with writes still in the outbox: y quits anyway, any other key waits for them.
  /// Quitting while the outbox holds writes (`unsent` says which) or words wait for the cache (`Unsaved`).
  case confirmQuit(unsent: String?)
  /// `;`: the next triage key acts on every tagged message.
  case tagPrefix
  /// `i`: a check-in recorded from the keyboard.
  case checkIn(CheckInEntry)
  /// `I`: the patient's check-ins over time.
  case checkIns(CheckInHistory)
}

extension Overlay {
  /// A command of the overlay's mode. Ctrl-C quits from every overlay (asking first when writes wait, and at that
  /// question it is the answer), and help opens over any other one (and goes back to it); the rest is the
  /// overlay's own, which sees only itself and the context, and says what came of it.
  func run(_ command: Command, _ state: inout AppState) -> [Effect] {
    if command == .quit { return isQuitQuestion ? quit(&state) : ConfirmQuit.request(&state) }
    if command == .help, !isHelp {
      state.overlay = .help(HelpOverlay(mode: state.mode, under: self))
      return []
    }
    return state.take(step(command, OverlayContext(state)))
  }

  /// What a command does to this overlay.
  func step(_ command: Command, _ c: OverlayContext) -> OverlayStep {
    switch self {
    case .help(let h): return h.run(command, c)
    case .staff(let p): return p.run(command, c)
    case .patients(let p): return p.run(command, c)
    case .templates(let p): return p.run(command, c)
    case .note(let n): return n.run(command)
    case .command(let p): return p.run(command, c)
    case .search(let p): return p.run(command, c)
    case .confirmDiscard(let id): return ConfirmDiscard.run(command, messageID: id)
    case .confirmAnyStaff: return .finish(.anyStaffAnswered(yes: command == .yes))
    case .confirmQuit: return .finish(.quitAnswered(yes: command == .yes))
    case .tagPrefix: return .finish(.tagged(command))
    case .checkIn(let e): return e.run(command, c)
    case .checkIns(let h): return h.run(command, c)
    }
  }

  var isHelp: Bool { if case .help = self { return true } else { return false } }
  var isQuitQuestion: Bool { if case .confirmQuit = self { return true } else { return false } }

  /// Text typed (or pasted) into the overlay's field.
  func type(_ text: String, _ state: inout AppState) -> [Effect] {
    state.take(typed(text, OverlayContext(state)))
  }

  func typed(_ text: String, _ c: OverlayContext) -> OverlayStep {
    switch self {
    case .help(var h): h.filter += text; return .stay(.help(h))
    case .staff(let p): return p.type(text)
    case .patients(let p): return p.type(text, c)
    case .templates(var p): p.filter += text; p.scroll = ListScroll(); return .stay(.templates(p))
    case .note(var n): n.text += text; return .stay(.note(n))
    case .command(var p): p.text += text; p.choices = []; return .stay(.command(p))
    case .search(var p): p.text += text; return .stay(.search(p))
    case .confirmDiscard: return .close()   // any key but yes keeps the message
    case .confirmAnyStaff: return .finish(.anyStaffAnswered(yes: false))
    case .confirmQuit: return .finish(.quitAnswered(yes: text == "q"))   // `q` again quits anyway
    case .tagPrefix: return .close()        // a key that is not a triage key: nothing done
    case .checkIn(let e): return e.type(text)
    case .checkIns: return .stay(self)
    }
  }

  func draw(_ state: AppState, into g: inout Grid) {
    switch self {
    case .help(let h): h.draw(state, into: &g)
    case .staff(let p): p.draw(state, into: &g)
    case .patients(let p): p.draw(state, into: &g)
    case .templates(let p): p.draw(state, into: &g)
    case .note(let n): n.draw(into: &g)
    case .command(let p): p.draw(into: &g)
    case .search(let p): p.draw(into: &g)
    case .confirmDiscard: ConfirmDiscard.draw(into: &g)
    case .confirmAnyStaff(let cost): ConfirmAnyStaff.draw(cost: cost, into: &g)
    case .confirmQuit(let unsent): ConfirmQuit.draw(unsent: unsent, state, into: &g)
    case .tagPrefix: TagPrefix.draw(state, into: &g)
    case .checkIn(let e): e.draw(state, into: &g)
    case .checkIns(let h): h.draw(state, into: &g)
    }
  }
}

/// The list keys of a picker or of help: down, up and a page either way. False for any other command.
/// `text`: the list has no selection of its own (help), so the window moves rather than the selection.
func move(_ command: Command, _ scroll: inout ListScroll, count: Int, visible: Int, text: Bool = false) -> Bool {
  let delta: Int
  switch command {
  case .down: delta = 1
  case .up: delta = -1
  case .pageDown: delta = max(1, visible)
  case .pageUp: delta = -max(1, visible)
  default: return false
  }
  if text {
    scroll.scroll(by: delta, count: count, visible: visible)
  } else {
    scroll.move(by: delta, count: count, visible: visible)
  }
  return true
}

/// A one-line field at the foot of the screen (`:` and `/`), the cursor after the text.
func drawPromptLine(_ prefix: String, _ text: String, into g: inout Grid) {
  let y = g.height - 1
  g.fill(y: y, role: .status)
  g.put(prefix + Sanitizer.line(text), x: 0, y: y, role: .status)
  g.cursor = (min(g.width - 1, CellWidth.of(text) + CellWidth.of(prefix)), y)
}

/// A filter line at the top of a box: `> text`, the cursor after it.
func drawFilterLine(_ text: String, in rect: Rect, into g: inout Grid, prefix: String = "> ") {
  g.put(prefix + Sanitizer.line(text), x: rect.x, y: rect.y, role: .normal, maxWidth: rect.width)
  g.cursor = (min(g.width - 1, rect.x + CellWidth.of(prefix) + CellWidth.of(text)), rect.y)
}
