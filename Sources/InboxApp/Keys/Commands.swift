import TerminalUI

/// The action table: every command a user can give, its name, keys, the modes where it acts, and a line of help.
/// The key map, help (`?`), the `:` line, the status-line hints, the README's key table and the config's `[keys]`
/// all come from here. The order matters: where two commands of a mode share a key, the first takes it.
public enum Command: String, CaseIterable, Sendable {
  case down, up, pageDown = "page-down", pageUp = "page-up", first, last, open, back
  case nextView = "next-view", previousView = "previous-view", toggleSidebar = "toggle-sidebar"
  case toggleUnread = "toggle-unread", done, undo, route, search, sync, privacy, lock, help, command, quit
  case suspend
  case reply, compose, retry, discardFailed = "discard-failed"
  case send, keepDraft = "keep-draft", discard, template, undoEdit = "undo-edit", redoEdit = "redo-edit"
  case wordLeft = "word-left", wordRight = "word-right", externalEditor = "external-editor"
  case charLeft = "char-left", charRight = "char-right", lineStart = "line-start", lineEnd = "line-end"
  case newline, deleteBack = "delete-back", deleteForward = "delete-forward"
  case killToEnd = "kill-to-end", killToStart = "kill-to-start", killWord = "kill-word", yank
  case nextBlank = "next-blank", previousBlank = "previous-blank", quote
  case accept, cancel, allStaff = "all-staff", complete, yes, leaveSearch = "leave-search"
  case tag, tagAll = "tag-all", tagPrefix = "tag-prefix"
  case doneTagged = "done-tagged", unreadTagged = "unread-tagged", readTagged = "read-tagged"
  case routeTagged = "route-tagged", untagAll = "untag-all"
  case saveSearch = "save-search", nextHit = "next-hit", previousHit = "previous-hit"
  case recordMessage = "record-message", cover, anyStaff = "any-staff"
  case checkInHistory = "check-ins", askCheckIn = "ask-check-in", recordCheckIn = "record-check-in"
  case nextQuestion = "next-question", previousQuestion = "previous-question"

  public struct Info {
    public let keys: [Key]
    public let modes: Set<Mode>
    public let help: String
    public let hint: String?
  }

  static let browse: Set<Mode> = [.list, .thread]
  static let lists: Set<Mode> = [.list, .thread, .picker, .help, .form]
  static let fields: Set<Mode> = [.editor, .picker, .prompt, .help, .form]

  public var info: Info {
    func row(_ keys: [Key], _ modes: Set<Mode>, _ help: String, hint: String? = nil) -> Info {
      Info(keys: keys, modes: modes, help: help, hint: hint)
    }
    let c = Key.character, ctrl = Key.control
    switch self {
    case .down: return row([c("j"), .down, ctrl("n")], Self.lists.union([.editor, .prompt]),
                           "next message, line or entry (a later search at `/`)", hint: "j/k move")
    case .up: return row([c("k"), .up, ctrl("p")], Self.lists.union([.editor, .prompt]),
                         "previous message, line or entry (an earlier search at `/`)")
    case .pageDown: return row([.pageDown, ctrl("f"), c(" ")], Self.lists, "a page down")
    case .pageUp: return row([.pageUp, ctrl("b")], Self.lists, "a page up")
    case .first: return row([c("g"), .home], Self.browse, "the newest message; the top of a thread")
    case .last: return row([c("G"), .end], Self.browse, "the oldest message; the newest in a thread")
    case .open: return row([.enter, c("l"), .right], [.list], "open the patient's thread (marks it read)",
                           hint: "Enter open")
    case .back: return row([c("q"), .escape, c("h"), .left], [.thread], "back to the inbox", hint: "q back")
    case .nextView: return row([c("]"), c("J")], [.list], "the next view in the sidebar")
    case .previousView: return row([c("["), c("K")], [.list], "the previous view in the sidebar")
    case .toggleSidebar: return row([.tab], [.list], "show or hide the sidebar of views")
    case .toggleUnread: return row([c("u")], Self.browse, "mark the message unread, or read", hint: "u unread")
    case .done: return row([c("d")], Self.browse, "mark done (completes its routing task)", hint: "d done")
    case .undo: return row([c("z")], Self.browse, "undo the last triage action", hint: "z undo")
    case .route: return row([c("a")], Self.browse, "route the message to a colleague", hint: "a route")
    case .search: return row([c("/")], [.list], "find words in the view's messages or patients' names",
                             hint: "/ search")
    case .sync: return row([c("s")], Self.browse, "sync with the server now", hint: "s sync")
    case .privacy: return row([c("p")], Self.browse, "privacy: initials only, no message text in lists")
    case .lock: return row([c("L")], Self.browse, "lock the screen now (the passphrase unlocks it)")
    case .help: return row([c("?"), .function(1)], Set(Mode.allCases),
                           "the keys of this mode, searchable (F1 closes it again)", hint: "? help")
    case .command: return row([c(":")], Self.browse, "run a command by name (Tab completes)")
    case .quit: return row([c("q"), ctrl("c")], Set(Mode.allCases), "quit clinbox (a draft is kept)", hint: "q quit")
    case .suspend: return row([ctrl("z")], Self.browse, "suspend clinbox to the shell (fg brings it back)")
    case .reply: return row([c("r")], Self.browse, "write to this message's patient (from a template or free text)",
                            hint: "r reply")
    case .compose: return row([c("c")], [.list], "write to a patient you search for", hint: "c compose")
    case .retry: return row([c("R")], Self.browse, "send a failed message again")
    case .discardFailed: return row([c("X")], Self.browse,
                                    "discard a failed message (asks first; its text stays as a draft)")
    case .send: return row([ctrl("s")], [.editor], "send the message (stored first, delivered by the outbox)",
                           hint: "Ctrl-S send")
    case .keepDraft: return row([ctrl("d")], [.editor], "leave, keeping the draft (every edit is already saved)",
                                hint: "Ctrl-D keep draft")
    case .discard: return row([.escape], [.editor], "discard the message (asks first)", hint: "Esc discard")
    case .template: return row([ctrl("t")], [.editor], "start from a template, with a preview",
                               hint: "Ctrl-T template")
    case .undoEdit: return row([ctrl("z")], [.editor], "undo the last edit")
    case .redoEdit: return row([ctrl("r")], [.editor], "redo")
    case .wordLeft: return row([.alt("b")], [.editor], "a word left")
    case .wordRight: return row([.alt("f")], [.editor], "a word right")
    case .externalEditor: return row([ctrl("x")], [.editor], "edit the text in $EDITOR (a shell's Ctrl-X Ctrl-E)",
                                     hint: "Ctrl-X $EDITOR")
    case .charLeft: return row([.left, ctrl("b")], [.editor], "a character left")
    case .charRight: return row([.right, ctrl("f")], [.editor], "a character right")
    case .lineStart: return row([.home, ctrl("a")], [.editor], "the start of the line")
    case .lineEnd: return row([.end, ctrl("e")], [.editor], "the end of the line")
    case .newline: return row([.enter], [.editor], "a new line")
    case .deleteBack: return row([.backspace], Self.fields, "delete the character before the cursor")
    case .deleteForward: return row([.delete], [.editor], "delete the character under the cursor")
    case .killToEnd: return row([ctrl("k")], [.editor], "cut to the end of the line (at its end, the line break)")
    case .killToStart: return row([ctrl("u")], [.editor, .prompt], "cut to the start of the line (clears a prompt)")
    case .killWord: return row([ctrl("w")], [.editor], "cut the word before the cursor")
    case .yank: return row([ctrl("y")], [.editor], "paste what was cut last")
    case .nextBlank: return row([.tab], [.editor], "the next ⟦blank⟧ of a template, selected: typing replaces it",
                                hint: "Tab next blank")
    case .previousBlank: return row([.backTab], [.editor], "the ⟦blank⟧ before")
    case .quote: return row([ctrl("q")], [.editor], "quote the message you answer, each line marked “> ”",
                            hint: "Ctrl-Q quote")
    case .accept: return row([.enter], [.picker, .prompt, .form], "choose the selected entry, or run what is typed",
                             hint: "Enter chooses")
    case .cancel: return row([.escape], [.picker, .prompt, .help, .confirm, .tagged, .form], "close without choosing",
                             hint: "Esc closes")
    case .allStaff: return row([.tab], [.picker], "staff picker: also list staff who cannot be scheduled",
                               hint: "Tab all staff")
    case .complete: return row([.tab], [.prompt], "`:` line: complete the command's name; list the choices")
    case .yes: return row([c("y"), c("Y")], [.confirm], "yes: do it", hint: "y yes")
    case .leaveSearch: return row([.escape], [.list], "leave the search: the view as it was before it")
    case .tag: return row([c("t")], Self.browse, "tag or untag the message (then ; acts on every tagged one)",
                          hint: "t tag")
    case .tagAll: return row([c("T")], [.list], "tag every message the view (or search) shows, up to 500")
    case .tagPrefix: return row([c(";")], Self.browse, "act on the tagged messages: ; then d, u, r, a or t",
                                hint: "; tagged")
    case .doneTagged: return row([c("d")], [.tagged], "mark every tagged message done, one step for z",
                                 hint: "d done")
    case .unreadTagged: return row([c("u")], [.tagged], "mark every tagged message unread", hint: "u unread")
    case .readTagged: return row([c("r")], [.tagged], "mark every tagged message read", hint: "r read")
    case .routeTagged: return row([c("a")], [.tagged], "route every tagged message to one colleague", hint: "a route")
    case .untagAll: return row([c("t")], [.tagged], "untag them all", hint: "t untag")
    case .saveSearch: return row([c("S")], [.list], "keep the current search in the sidebar (and the config)")
    case .nextHit: return row([c("n")], [.thread], "the next line with a searched word (after `/`), highlighted")
    case .previousHit: return row([c("N")], [.thread], "the line before with a searched word")
    case .recordMessage: return row([c("m")], Self.browse,
                                    "record a patient's message taken by phone, for a colleague's inbox")
    case .cover: return row([c("C")], [.list], "cover a colleague's inbox (again: stop covering it)")
    case .anyStaff: return row([c("E")], [.list],
                               "sync Any staff, every message of the practice, after its cost (again: stop)")
    case .checkInHistory: return row([c("I")], Self.browse, "the patient's check-ins over time; Enter shows one")
    case .askCheckIn: return row([c("A")], Self.browse, "ask the patient for a check-in: a message from the template")
    case .recordCheckIn: return row([c("i")], Self.browse, "record a check-in for the patient (taken by phone)",
                                    hint: "i check-in")
    case .nextQuestion: return row([.tab], [.form], "check-in: the next question (after the last, the answers)",
                                   hint: "Tab next")
    case .previousQuestion: return row([.backTab], [.form], "check-in: the question before")
    }
  }

  /// The command a key gives in a mode, under a key map.
  public static func forKey(_ key: Key, in mode: Mode, keys: KeyMap = KeyMap()) -> Command? {
    allCases.first { $0.acts(key, in: mode, keys: keys) }
  }

  /// Whether this command takes `key` in `mode`, not counting commands before it that take it too.
  func acts(_ key: Key, in mode: Mode, keys: KeyMap) -> Bool {
    guard info.modes.contains(mode), keys.keys(for: self).contains(key) else { return false }
    // Where letters are text, a letter acts only for a command of that mode alone (confirm's `y`).
    if mode.takesLetters, case .character = key { return info.modes == [mode] }
    return true
  }

  /// The keys that give this command in a mode: a key an earlier command of the mode takes (`q` is "back" in a
  /// thread) is not one of them.
  public func effectiveKeys(in mode: Mode, keys: KeyMap = KeyMap()) -> [Key] {
    keys.keys(for: self).filter { Command.forKey($0, in: mode, keys: keys) == self }
  }

  /// The commands of a mode, in the table's order.
  public static func of(_ mode: Mode) -> [Command] { allCases.filter { $0.info.modes.contains(mode) } }

  /// The hints shown on a mode's status line: the first key that gives the command there, and what it does.
  public static func hints(in mode: Mode, keys: KeyMap = KeyMap()) -> [String] {
    // Over a pane or a picker, its own keys first (Ctrl-S send before the moves the inbox shares).
    let shared = of(mode).filter { $0.info.modes.contains(.list) }
    let commands = mode.takesLetters ? of(mode).filter { !shared.contains($0) } + shared : of(mode)
    return commands.compactMap { c in
      guard let hint = c.info.hint, let key = c.effectiveKeys(in: mode, keys: keys).first,
            let hinted = keys.keys(for: c).first else { return nil }
      // A hint whose key another command takes here is not shown (`q quit` in a thread, where q is back) — but
      // where letters are text, the command's other key is hinted (`F1 help` in the editor).
      if key != hinted {
        guard mode.takesLetters, case .character = hinted else { return nil }
      }
      // "j/k move" keeps its pair while both keys are the defaults.
      if hint.hasPrefix(KeyMap.name(key) + "/") { return hint }
      return KeyMap.name(key) + hint.drop(while: { $0 != " " })
    }
  }

  /// Names that start with `prefix` (for `:` completion).
  public static func completions(_ prefix: String) -> [Command] {
    allCases.filter { $0.rawValue.hasPrefix(prefix.lowercased()) }
  }
}
