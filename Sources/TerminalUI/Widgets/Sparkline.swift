/// Scores as a row of bars, one a score, from `▁` (0) to `█` (the scale's top): a trend read at a glance.
public enum Sparkline {
  static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  public static func of(_ scores: [Int], max top: Int) -> String {
    guard top > 0 else { return String(repeating: bars[0], count: scores.count) }
    return String(scores.map { bars[Swift.max(0, Swift.min(7, $0 * 7 / top))] })
  }
}
