/// What the app needs of a terminal: its size, a frame drawn whole, and keys.
public protocol Terminal: AnyObject {
  var size: (width: Int, height: Int) { get }
  func draw(_ grid: Grid)
  /// The next key, or nil when none came within `timeoutMS`.
  func readKey(timeoutMS: Int) -> Key?
  /// The same, returning nil as soon as `wake` (a pipe's read end) becomes readable.
  func readKey(timeoutMS: Int, wake: Int32?) -> Key?
  /// Hands the terminal to another program (an editor) while `body` runs, then takes it back.
  func suspend(_ body: () -> Void)
  /// Why the session must end now, whatever is on screen: a signal (SIGTERM, SIGHUP) or a terminal that went
  /// away (a closed ssh session or tmux window). Nil while the session goes on.
  var ended: SessionEnd? { get }
  /// Rings, notifies, sets the title (`TerminalAlert`).
  func alert(_ alert: TerminalAlert)
}

/// How a session was ended from outside.
public enum SessionEnd: Equatable, Sendable {
  case signal(Int32)
  case terminalGone
}

extension Terminal {
  /// A terminal without a descriptor to wait on (the tests' in-memory one) waits as it always did.
  public func readKey(timeoutMS: Int, wake: Int32?) -> Key? { readKey(timeoutMS: timeoutMS) }
  public func suspend(_ body: () -> Void) { body() }
  public var ended: SessionEnd? { nil }
  public func alert(_ alert: TerminalAlert) {}
}
