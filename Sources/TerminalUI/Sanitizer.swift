/// Makes server text safe to draw: nothing it contains can act on the terminal.
///
/// - C0 controls (ESC, BEL, …) and DEL become their visible Control Pictures (`␛`, `␇`, `␡`), so an
///   `ESC]0;title BEL` or `ESC[2J` is shown as text and never retitles the window or clears the screen.
/// - C1 controls (U+0080–U+009F, which some terminals obey as CSI and OSC) and invisible format characters —
///   bidi overrides and isolates, zero-width spaces, BOM — become U+FFFD, so reversed or hidden text shows.
/// - ZWJ and the emoji variation selectors are dropped: harmless, but terminals disagree on their width.
/// - Line breaks survive only where a body is shown as lines; tabs become spaces.
public enum Sanitizer {
  /// Text for a single line (list rows, names): line breaks and tabs become spaces.
  public static func line(_ text: String) -> String { clean(text, keepNewlines: false) }

  /// Whether `text` is printable ASCII only — nothing to clean (the common case, checked without copying).
  public static func isPlain(_ text: String) -> Bool {
    text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
  }

  /// Text shown as lines (a message body): `\n` kept.
  public static func text(_ text: String) -> String { clean(text, keepNewlines: true) }

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
      case 0x200D, 0xFE0E, 0xFE0F:
        continue
      case 0x061C, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0xFFF9...0xFFFB:
        out.append("\u{FFFD}")
      default:
        if s.properties.generalCategory == .format || s.properties.generalCategory == .lineSeparator
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
