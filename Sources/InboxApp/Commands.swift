import TerminalUI

/// The action table: every command a user can give, its name, keys, the screens where it applies, and a line
/// of help. The key map and the status-line hints both come from here (the `?` overlay and `[keys]` later).
public enum Command: String, CaseIterable {
  case down, up, pageDown, pageUp, first, last, open, back, sync, quit

  public struct Info {
    public let keys: [Key]
    public let hint: String?
    public let help: String
    public let screens: Set<AppState.Screen>
  }

  public var info: Info {
    switch self {
    case .down: return Info(keys: [.character("j"), .down], hint: "j/k move", help: "next message or line", screens: [.inbox, .thread])
    case .up: return Info(keys: [.character("k"), .up], hint: nil, help: "previous message or line", screens: [.inbox, .thread])
    case .pageDown: return Info(keys: [.pageDown, .control("f"), .character(" ")], hint: nil, help: "a page down", screens: [.inbox, .thread])
    case .pageUp: return Info(keys: [.pageUp, .control("b")], hint: nil, help: "a page up", screens: [.inbox, .thread])
    case .first: return Info(keys: [.character("g"), .home], hint: nil, help: "the first (newest) message; the top of a thread", screens: [.inbox, .thread])
    case .last: return Info(keys: [.character("G"), .end], hint: nil, help: "the last message; the newest in a thread", screens: [.inbox, .thread])
    case .open: return Info(keys: [.enter, .character("l"), .right], hint: "Enter open", help: "open the patient's thread", screens: [.inbox])
    case .back: return Info(keys: [.character("q"), .escape, .character("h"), .left], hint: "q back", help: "back to the inbox", screens: [.thread])
    case .sync: return Info(keys: [.character("s")], hint: "s sync", help: "sync with the server now", screens: [.inbox, .thread])
    case .quit: return Info(keys: [.character("q"), .control("c")], hint: "q quit", help: "quit clinbox", screens: [.inbox])
    }
  }

  /// The command a key gives on a screen.
  public static func forKey(_ key: Key, on screen: AppState.Screen) -> Command? {
    if key == .control("c") { return .quit }
    return allCases.first { $0.info.screens.contains(screen) && $0.info.keys.contains(key) }
  }

  /// The hints shown on a screen's status line.
  public static func hints(on screen: AppState.Screen) -> [String] {
    allCases.filter { $0.info.screens.contains(screen) }.compactMap(\.info.hint)
  }
}
