/// A key press, decoded from the terminal.
public enum Key: Hashable, Sendable {
  case character(Character)
  case control(Character)      // Ctrl-A … as .control("a")
  case alt(Character)          // Alt-B … (ESC b) as .alt("b")
  case enter, escape, tab, backTab, backspace, delete
  case up, down, left, right, pageUp, pageDown, home, end
  case function(Int)
  case resize
  /// A mouse event at a cell.
  case mouse(MouseEvent)
  /// Text pasted into the terminal (bracketed paste): taken whole, newlines and all, never as commands.
  case paste(String)
}

public struct MouseEvent: Hashable, Sendable {
  public enum Kind: Hashable, Sendable { case click, doubleClick, wheelUp, wheelDown }
  public var kind: Kind
  public var x: Int
  public var y: Int
  public init(_ kind: Kind, x: Int, y: Int) { self.kind = kind; self.x = x; self.y = y }
}
