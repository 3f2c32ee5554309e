/// A key press, decoded from the terminal.
public enum Key: Hashable, Sendable {
  case character(Character)
  case control(Character)      // Ctrl-A … as .control("a")
  case enter, escape, tab, backTab, backspace, delete
  case up, down, left, right, pageUp, pageDown, home, end
  case function(Int)
  case resize
}
