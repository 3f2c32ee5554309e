/// A terminal in memory: keys from a script, frames kept for inspection. Frame and runtime tests use it where
/// a real terminal would add nothing but flakiness.
public final class MemoryTerminal: Terminal {
  public var size: (width: Int, height: Int)
  public private(set) var frames: [Grid] = []
  private var keys: [Key]

  /// `keys` are returned in order; once they run out the terminal sends Ctrl-C, so a test run always ends.
  public init(width: Int, height: Int, keys: [Key]) {
    size = (width, height)
    self.keys = keys
  }

  public func draw(_ grid: Grid) { frames.append(grid) }

  public func readKey(timeoutMS: Int) -> Key? {
    keys.isEmpty ? .control("c") : keys.removeFirst()
  }

  public var lastFrame: Grid? { frames.last }

  /// Every alert, in order: what a bell, a notification and the title would have shown.
  public private(set) var alerts: [TerminalAlert] = []
  public func alert(_ alert: TerminalAlert) { alerts.append(alert) }
}
