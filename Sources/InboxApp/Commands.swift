import TerminalUI

/// The action table: every command a user can give, its name, keys, the screens where it applies, and a line
/// of help. The key map, the `?` overlay, the `:` command line, the status-line hints and the config's `[keys]`
/// all come from here.
public enum Command: String, CaseIterable, Sendable {
  case down, up, pageDown = "page-down", pageUp = "page-up", first, last, open, back
  case nextView = "next-view", previousView = "previous-view", toggleSidebar = "toggle-sidebar"
  case toggleUnread = "toggle-unread", done, undo, route, search, sync, privacy, help, command, quit
  case reply, compose, retry, discardFailed = "discard-failed"
  case send, keepDraft = "keep-draft", discard, template, undoEdit = "undo-edit", redoEdit = "redo-edit"
  case wordLeft = "word-left", wordRight = "word-right", externalEditor = "external-editor"

  public struct Info {
    public let keys: [Key]
    public let hint: String?
    public let help: String
    public let screens: Set<AppState.Screen>
  }

  public var info: Info {
    let both: Set<AppState.Screen> = [.inbox, .thread]
    switch self {
    case .down: return Info(keys: [.character("j"), .down], hint: "j/k move", help: "next message or line", screens: both)
    case .up: return Info(keys: [.character("k"), .up], hint: nil, help: "previous message or line", screens: both)
    case .pageDown: return Info(keys: [.pageDown, .control("f"), .character(" ")], hint: nil, help: "a page down", screens: both)
    case .pageUp: return Info(keys: [.pageUp, .control("b")], hint: nil, help: "a page up", screens: both)
    case .first: return Info(keys: [.character("g"), .home], hint: nil, help: "the newest message; the top of a thread", screens: both)
    case .last: return Info(keys: [.character("G"), .end], hint: nil, help: "the oldest message; the newest in a thread", screens: both)
    case .open: return Info(keys: [.enter, .character("l"), .right], hint: "Enter open", help: "open the patient's thread (marks it read)", screens: [.inbox])
    case .back: return Info(keys: [.character("q"), .escape, .character("h"), .left], hint: "q back", help: "back to the inbox", screens: [.thread])
    case .nextView: return Info(keys: [.character("]"), .character("J")], hint: nil, help: "the next view in the sidebar", screens: [.inbox])
    case .previousView: return Info(keys: [.character("["), .character("K")], hint: nil, help: "the previous view in the sidebar", screens: [.inbox])
    case .toggleSidebar: return Info(keys: [.tab], hint: nil, help: "show or hide the sidebar of views", screens: [.inbox])
    case .toggleUnread: return Info(keys: [.character("u")], hint: "u unread", help: "mark the message unread, or read", screens: both)
    case .done: return Info(keys: [.character("d")], hint: "d done", help: "mark done (completes its routing task)", screens: both)
    case .undo: return Info(keys: [.character("z")], hint: "z undo", help: "undo the last triage action", screens: both)
    case .route: return Info(keys: [.character("a")], hint: "a route", help: "route the message to a colleague", screens: both)
    case .search: return Info(keys: [.character("/")], hint: "/ search", help: "find words in the view's messages or patients' names", screens: [.inbox])
    case .sync: return Info(keys: [.character("s")], hint: "s sync", help: "sync with the server now", screens: both)
    case .privacy: return Info(keys: [.character("p")], hint: nil, help: "privacy: initials only, no message text in lists", screens: both)
    case .help: return Info(keys: [.character("?"), .function(1)], hint: "? help", help: "every key of this screen, searchable", screens: both.union([.compose]))
    case .command: return Info(keys: [.character(":")], hint: nil, help: "run a command by name (Tab completes)", screens: both)
    case .quit: return Info(keys: [.character("q"), .control("c")], hint: "q quit", help: "quit clinbox", screens: both)
    case .reply: return Info(keys: [.character("r")], hint: "r reply", help: "write to this message's patient (from a template or free text)", screens: both)
    case .compose: return Info(keys: [.character("c")], hint: "c compose", help: "write to a patient you search for", screens: [.inbox])
    case .retry: return Info(keys: [.character("R")], hint: nil, help: "send a failed message again", screens: both)
    case .discardFailed:
      return Info(keys: [.character("X")], hint: nil, help: "discard a failed message (asks first; its text stays as a draft)",
                  screens: both)
    case .send: return Info(keys: [.control("s")], hint: "Ctrl-S send", help: "send the message (stored first, delivered by the outbox)", screens: [.compose])
    case .keepDraft: return Info(keys: [.control("d")], hint: "Ctrl-D keep draft", help: "leave, keeping the draft (every edit is already saved)", screens: [.compose])
    case .discard: return Info(keys: [.escape], hint: "Esc discard", help: "discard the message (asks first)", screens: [.compose])
    case .template: return Info(keys: [.control("t")], hint: "Ctrl-T template", help: "start from a template, with a preview", screens: [.compose])
    case .undoEdit: return Info(keys: [.control("z"), .control("u")], hint: nil, help: "undo the last edit", screens: [.compose])
    case .redoEdit: return Info(keys: [.control("y"), .control("r")], hint: nil, help: "redo", screens: [.compose])
    case .wordLeft: return Info(keys: [.control("b")], hint: nil, help: "a word left", screens: [.compose])
    case .wordRight: return Info(keys: [.control("f")], hint: nil, help: "a word right", screens: [.compose])
    case .externalEditor: return Info(keys: [.control("e")], hint: "Ctrl-E $EDITOR", help: "edit the text in $EDITOR", screens: [.compose])
    }
  }

  /// The command a key gives on a screen, under a key map.
  public static func forKey(_ key: Key, on screen: AppState.Screen, keys: KeyMap = KeyMap()) -> Command? {
    if key == .control("c") { return .quit }
    return allCases.first { $0.info.screens.contains(screen) && keys.keys(for: $0).contains(key) }
  }

  /// The keys that give this command on a screen: a key an earlier command of the screen takes (`q` is
  /// "back" in a thread) is not one of them. Ctrl-C quits everywhere.
  public func effectiveKeys(on screen: AppState.Screen, keys: KeyMap = KeyMap()) -> [Key] {
    keys.keys(for: self).filter { key in
      // In the compose pane letters and signs are text.
      if screen == .compose, case .character = key { return false }
      return Command.forKey(key, on: screen, keys: keys) == self
    }
  }

  /// The hints shown on a screen's status line.
  public static func hints(on screen: AppState.Screen, keys: KeyMap = KeyMap()) -> [String] {
    allCases.filter { $0.info.screens.contains(screen) }.compactMap { c in
      guard var hint = c.info.hint else { return nil }
      // In the compose pane `?` is a character to type; F1 is help there.
      if screen == .compose && c == .help { hint = "F1 help" }
      // A rebound command shows its own key; a hint whose key another command takes here is not shown.
      guard let rebound = keys.overrides[c], let first = rebound.first else {
        // "j/k move" is hinted by `j`; "/ search" by `/`.
        let token = hint.split(separator: " ").first.map(String.init) ?? ""
        let hinted = token.count > 1 ? token.split(separator: "/").first.map(String.init) ?? token : token
        return c.effectiveKeys(on: screen, keys: keys).map(KeyMap.name).contains(hinted) ? hint : nil
      }
      return KeyMap.name(first) + hint.drop(while: { $0 != " " })
    }
  }

  /// Names that start with `prefix` (for `:` completion).
  public static func completions(_ prefix: String) -> [Command] {
    allCases.filter { $0.rawValue.hasPrefix(prefix.lowercased()) }
  }
}

/// Keys as configured: the table's defaults, with `[keys]` from the config replacing a command's keys.
public struct KeyMap: Equatable, Sendable {
  public var overrides: [Command: [Key]] = [:]
  public init(overrides: [Command: [Key]] = [:]) { self.overrides = overrides }

  public func keys(for c: Command) -> [Key] { overrides[c] ?? c.info.keys }

  /// `x`, `X`, `ctrl-x`, `enter`, `esc`, `tab`, `space`, `up`, `down`, `left`, `right`, `pgup`, `pgdn`,
  /// `home`, `end`, `f1`…`f12`.
  public static func parse(_ text: String) -> Key? {
    let t = text.trimmingCharacters(in: .whitespaces)
    switch t.lowercased() {
    case "enter", "return": return .enter
    case "esc", "escape": return .escape
    case "tab": return .tab
    case "space": return .character(" ")
    case "up": return .up
    case "down": return .down
    case "left": return .left
    case "right": return .right
    case "pgup", "pageup": return .pageUp
    case "pgdn", "pagedown": return .pageDown
    case "home": return .home
    case "end": return .end
    case "backspace": return .backspace
    default: break
    }
    if t.lowercased().hasPrefix("ctrl-"), t.count == 6, let c = t.lowercased().last { return .control(c) }
    if t.lowercased().hasPrefix("f"), let n = Int(t.dropFirst()), (1...12).contains(n) { return .function(n) }
    if t.count == 1, let c = t.first { return .character(c) }
    return nil
  }

  /// How a key reads in help and hints.
  public static func name(_ key: Key) -> String {
    switch key {
    case .character(" "): return "Space"
    case .character(let c): return String(c)
    case .control(let c): return "Ctrl-\(c.uppercased())"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .tab: return "Tab"
    case .backTab: return "Shift-Tab"
    case .backspace: return "Backspace"
    case .delete: return "Delete"
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .function(let n): return "F\(n)"
    case .resize: return "resize"
    case .mouse: return "mouse"
    case .paste: return "paste"
    }
  }
}
