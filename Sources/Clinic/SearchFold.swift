import Foundation

/// The form text is searched in: lower case, and Latin, Greek and Cyrillic letters without their accents, so that
/// `chloe` finds "Chloé" and `MULLER` finds "Müller". Only the combining diacritical marks go: the vowel signs of
/// Thai or Devanagari and the voicing marks of kana are parts of their letters and stay. The index and the query
/// are folded alike, so what one drops the other drops too.
public enum SearchFold {
  public static func fold(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
    var kept = String.UnicodeScalarView()
    // Invisible format characters (a soft hyphen, a zero-width space) go too: "Re\u{AD}fill" is found by "refill".
    let scalars = text.decomposedStringWithCanonicalMapping.unicodeScalars
    for u in scalars where !isDiacritic(u) && !PlainText.isInvisible(u) {
      kept.append(u)
    }
    return String(kept).precomposedStringWithCanonicalMapping.lowercased()
  }

  /// The blocks of combining diacritical marks (and their extensions and supplement, and those for symbols and
  /// half marks).
  static func isDiacritic(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: return true
    default: return false
    }
  }
}
