/// What the app needs of a terminal: its size, a frame drawn whole, and keys.
public protocol Terminal: AnyObject {
  var size: (width: Int, height: Int) { get }
  func draw(_ grid: Grid)
  /// The next key, or nil when none came within `timeoutMS`.
  func readKey(timeoutMS: Int) -> Key?
  /// Hands the terminal to another program (an editor) while `body` runs, then takes it back.
  func suspend(_ body: () -> Void)
}

extension Terminal {
  public func suspend(_ body: () -> Void) { body() }
}
