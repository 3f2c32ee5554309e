import TerminalUI
import Foundation

/// Keys as configured: the table's defaults, with `[keys]` from the config replacing a command's keys.
public struct KeyMap: Equatable, Sendable {
  public var overrides: [Command: [Key]] = [:]
  public init(overrides: [Command: [Key]] = [:]) { self.overrides = overrides }

  public func keys(for c: Command) -> [Key] { overrides[c] ?? c.info.keys }

  /// `x`, `X`, `ctrl-x`, `alt-b`, `enter`, `esc`, `tab`, `space`, `up`, `down`, `left`, `right`, `pgup`, `pgdn`,
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
    if t.lowercased().hasPrefix("alt-"), t.count == 5, let c = t.last { return .alt(c) }
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
    case .alt(let c): return "Alt-\(c)"
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
