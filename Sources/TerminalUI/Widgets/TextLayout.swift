/// Measuring, truncating and wrapping text by terminal columns.
public enum TextLayout {
  /// `text` cut to at most `width` columns, ending in "…" when cut.
  public static func truncate(_ text: String, to width: Int) -> String {
    guard width > 0 else { return "" }
    if CellWidth.of(text) <= width { return text }
    var out = ""
    var used = 0
    for ch in text {
      let w = CellWidth.of(ch)
      if used + w > width - 1 { break }
      out.append(ch)
      used += w
    }
    return out + "…"
  }

  /// `text` padded with spaces (or truncated) to exactly `width` columns.
  public static func pad(_ text: String, to width: Int) -> String {
    let t = truncate(text, to: width)
    return t + String(repeating: " ", count: max(0, width - CellWidth.of(t)))
  }

  /// Word-wraps each line of `text` to `width` columns; words longer than a line are broken.
  public static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var out: [String] = []
    for para in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      var lineWidth = 0
      var word = ""
      var wordWidth = 0
      func flushWord() {
        if wordWidth == 0 { return }
        if lineWidth > 0 && lineWidth + 1 + wordWidth > width {
          out.append(line); line = ""; lineWidth = 0
        }
        if lineWidth > 0 { line += " "; lineWidth += 1 }
        // A word wider than the line is broken across lines.
        for ch in word {
          let w = CellWidth.of(ch)
          if lineWidth + w > width { out.append(line); line = ""; lineWidth = 0 }
          line.append(ch); lineWidth += w
        }
        word = ""; wordWidth = 0
      }
      for ch in para {
        if ch == " " { flushWord() } else { word.append(ch); wordWidth += CellWidth.of(ch) }
      }
      flushWord()
      out.append(line)
    }
    return out
  }
}
