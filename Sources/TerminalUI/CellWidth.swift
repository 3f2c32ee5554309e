/// How many terminal columns a character takes: 0, 1 or 2. Decided here and nowhere else.
///
/// A table of our own rather than glibc's `wcwidth`, so that width does not depend on the process locale and
/// tests measure what the terminal shows. Wide: East Asian wide and fullwidth ranges and emoji presentation;
/// zero: combining marks, format characters and variation selectors.
///
/// A grapheme cluster is measured as one, by the rule terminals and curses can both keep (the cases are listed
/// in `GraphemeWidthTests`, in this order):
/// - a letter with combining marks (`é` as e + U+0301) takes its base's width: 1;
/// - a flag (two regional indicators, 🇺🇦) takes 2, and goes to curses as its two letters, one column each, which
///   terminals join into the flag; a lone regional indicator takes 1;
/// - an emoji with a skin tone (👍🏽) takes its base's 2; curses cannot be given the tone, so the base is drawn;
/// - ZWJ and the emoji variation selectors are dropped before anything is measured (`Sanitizer`): a family
///   (👨‍👩‍👧) is its emoji side by side, 2 each, and a keycap (1️⃣) is the digit with its enclosing mark, 1 —
///   terminals disagree on the joined forms' widths, and a disagreement shifts the rest of the row.
public enum CellWidth {
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x300 { return 1 }      // ASCII and Latin-1: the common case, fast
    if isZeroWidth(scalar) { return 0 }
    if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
    return 1
  }

  /// A grapheme's width is its base's: combining marks ride on it. A flag is two regional indicators of one
  /// column each.
  public static func of(_ c: Character) -> Int {
    var it = c.unicodeScalars.makeIterator()
    guard let first = it.next() else { return 0 }
    if isRegionalIndicator(first) { return it.next().map { isRegionalIndicator($0) ? 2 : 1 } ?? 1 }
    var w = of(first)
    if w == 0 { while let s = it.next() { w = max(w, of(s)) } }
    return w
  }

  public static func of(_ s: String) -> Int {
    var total = 0
    for c in s { total += of(c) }
    return total
  }

  static func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(s.value) }

  /// What curses is given for a grapheme: one array of code points a column it starts, whose widths (as curses
  /// counts them) add up to `of(c)` — a base with up to four marks riding on it; a flag's two letters.
  public static func cells(_ c: Character) -> [[Unicode.Scalar]] {
    let scalars = Array(c.unicodeScalars)
    guard let first = scalars.first else { return [] }
    if isRegionalIndicator(first) {
      return scalars.count >= 2 && isRegionalIndicator(scalars[1]) ? [[first], [scalars[1]]] : [[first]]
    }
    // Marks that ride on the base (not a skin tone, which curses would count as a column of its own).
    let marks = scalars.dropFirst().prefix { isZeroWidth($0) && $0.value != 0x200D }.prefix(4)
    return [[first] + marks]
  }

  static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) || v == 0x200B { return true }
    if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }   // Hangul vowels, finals
    switch s.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return true
    default: return false
    }
  }

  static func isWide(_ v: UInt32) -> Bool {
    switch v {
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
         0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
         0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
         0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }
}
