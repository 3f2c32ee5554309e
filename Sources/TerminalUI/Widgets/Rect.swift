/// A rectangle of cells on the screen: where a widget draws.
public struct Rect: Equatable, Sendable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
  }

  public var isEmpty: Bool { width <= 0 || height <= 0 }
  public var bottom: Int { y + height }

  /// The same rectangle less `n` cells on every side.
  public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }

  /// The first `n` rows, and the rest.
  public func splitTop(_ n: Int) -> (top: Rect, rest: Rect) {
    let h = min(max(0, n), height)
    return (Rect(x: x, y: y, width: width, height: h), Rect(x: x, y: y + h, width: width, height: height - h))
  }

  /// A rectangle of at most `width` × `height` in the middle of this one.
  public func centred(width w: Int, height h: Int) -> Rect {
    let cw = min(w, width), ch = min(h, height)
    return Rect(x: x + (width - cw) / 2, y: y + max(0, (height - ch) / 2), width: cw, height: ch)
  }
}

extension Grid {
  /// The whole grid as a rectangle.
  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }
}
