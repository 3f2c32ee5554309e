import TerminalUI
import Foundation

/// `:` — a command by name. Tab completes the common part of the names that fit and lists them.
public struct CommandPrompt: Equatable, Sendable {
  public var text = ""
  /// The names Tab found, shown above the line until the text changes.
  public var choices: [String] = []

  public init(text: String = "", choices: [String] = []) { self.text = text; self.choices = choices }

  func run(_ command: Command, _ c: OverlayContext) -> OverlayStep {
    var p = self
    // The mode underneath: a command runs where the clinician was.
    let mode: Mode = c.screen == .thread ? .thread : .list
    switch command {
    case .cancel: return .close()
    case .deleteBack:
      if p.text.isEmpty { return .close() }
      p.text.removeLast()
      p.choices = []
    case .killToStart:
      p.text = ""
      p.choices = []
    case .complete:
      let names = Command.completions(p.text).filter { $0.info.modes.contains(mode) }.map(\.rawValue)
      p.text = commonPrefix(names) ?? p.text
      p.choices = names.count > 1 ? names : []
    case .accept:
      let name = text.trimmingCharacters(in: .whitespaces)
      guard let named = Command(rawValue: name), named.info.modes.contains(mode) else {
        return .close(notice: "no command \"\(text)\" here (Tab completes)")
      }
      return .finish(.command(named))
    default: break
    }
    return .stay(.command(p))
  }

  func draw(into g: inout Grid) {
    if !choices.isEmpty, g.height > 2 {
      g.fill(y: g.height - 2, role: .dim)
      g.put(TextLayout.truncate(" " + choices.joined(separator: "  "), to: g.width), x: 0, y: g.height - 2, role: .dim)
    }
    drawPromptLine(":", text, into: &g)
  }
}

func commonPrefix(_ names: [String]) -> String? {
  guard var prefix = names.first else { return nil }
  for n in names.dropFirst() { while !n.hasPrefix(prefix) { prefix.removeLast() } }
  return prefix
}
