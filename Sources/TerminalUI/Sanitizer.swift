/// Makes server text safe to draw: nothing it contains can act on the terminal.
///
/// - C0 controls (ESC, BEL, …) and DEL become their visible Control Pictures (`␛`, `␇`, `␡`), so an
///   `ESC]0;title BEL` or `ESC[2J` is shown as text and never retitles the window or clears the screen.
/// - C1 controls (U+0080–U+009F, which some terminals obey as CSI and OSC) and invisible format characters —
///   bidi overrides and isolates, zero-width spaces, BOM — become U+FFFD, so reversed or hidden text shows.
/// - ZWJ and the emoji variation selectors are dropped: harmless, but terminals disagree on their width; so are
///   the soft hyphen, zero-width spaces and non-joiners, the word joiner and the BOM, invisible by design.
/// - Line breaks survive only where a body is shown as lines; tabs become spaces.
public enum Sanitizer {
  /// Text for a single line (list rows, names): line breaks and tabs become spaces.
  public static func line(_ text: String) -> String {
    isClean(text, keepNewlines: false) ? text : clean(text, keepNewlines: false)
  }

  /// Text shown as lines (a message body): `\n` kept.
  public static func text(_ text: String) -> String {
    isClean(text, keepNewlines: true) ? text : clean(text, keepNewlines: true)
  }

  /// Whether nothing in `text` would change — checked without copying: every frame draws each row through here
  /// (and the grid once more), so clean text must cost a scan, not a rebuild.
  static func isClean(_ text: String, keepNewlines: Bool) -> Bool {
    text.unicodeScalars.allSatisfy { s in
      let v = s.value
      if v >= 0x20 && v < 0x7F { return true }
      if v == 0x0A { return keepNewlines }
      if v < 0xA0 { return false }
      if v == 0x200D || v == 0xFE0E || v == 0xFE0F { return false }
      guard mayBeFormat(v) else { return true }
      let c = s.properties.generalCategory
      return c != .format && c != .lineSeparator && c != .paragraphSeparator
    }
  }

  /// The code points where Unicode puts format characters and line or paragraph separators (soft hyphen, Arabic
  /// and Syriac marks, the Mongolian vowel separator, the General Punctuation controls, the BOM and variation
  /// selectors, the specials, and the supplementary planes): only these need the slower category lookup.
  static func mayBeFormat(_ v: UInt32) -> Bool {
    v == 0xAD || (0x600...0x8FF).contains(v) || v == 0x180E || (0x2000...0x206F).contains(v)
      || (0xFE00...0xFEFF).contains(v) || (0xFFF0...0xFFFF).contains(v) || v >= 0x10000
  }

  static func clean(_ text: String, keepNewlines: Bool) -> String {
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      let v = s.value
      switch v {
      case 0x0A:
        out.append(keepNewlines ? s : " ")
      case 0x09:
        out.append(contentsOf: keepNewlines ? "    ".unicodeScalars : " ".unicodeScalars)
      case 0x0D:
        if !keepNewlines { out.append(" ") }
      case 0x00...0x1F:
        out.append(Unicode.Scalar(0x2400 + v)!)
      case 0x7F:
        out.append("\u{2421}")
      case 0x80...0x9F:
        out.append("\u{FFFD}")
      // Harmless but invisible, or of disputed width: dropped, so "Re\u{AD}fill" reads "Refill", not "Re�fill".
      case 0x200D, 0xFE0E, 0xFE0F, 0x00AD, 0x200B, 0x200C, 0x2060, 0xFEFF:
        continue
      // Bidi controls and the rest that can hide or reverse text: shown as � so what they do is seen.
      case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2061...0x2069, 0xFFF9...0xFFFB:
        out.append("\u{FFFD}")
      default:
        if mayBeFormat(v), s.properties.generalCategory == .format || s.properties.generalCategory == .lineSeparator
            || s.properties.generalCategory == .paragraphSeparator {
          out.append("\u{FFFD}")
        } else {
          out.append(s)
        }
      }
    }
    return String(out)
  }
}
