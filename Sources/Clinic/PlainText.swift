import Foundation

/// Text made plain before it leaves clinbox for another system (a Task's description and note on Canvas): no
/// control character, no bidi control, no invisible format character — an ESC copied from a message would act
/// on whichever screen shows the Task next. Line breaks and tabs become spaces.
public enum PlainText {
  public static func line(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      if s == "\t" || s == "\n" || s == "\r" {
        out.append(" ")
      } else if !isHidden(s) {
        out.append(s)
      }
    }
    return String(out).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
  }

  /// A control character (C0, DEL, C1) or an invisible one: nothing a reader sees, and nothing to search for.
  public static func isHidden(_ s: Unicode.Scalar) -> Bool {
    s.value < 0x20 || (0x7F...0x9F).contains(s.value) || isInvisible(s)
  }

  /// Format characters (bidi controls, zero-width spaces and joiners, the soft hyphen, the BOM) and line or
  /// paragraph separators: they change how text looks or reads without being seen.
  public static func isInvisible(_ s: Unicode.Scalar) -> Bool {
    let c = s.properties.generalCategory
    return c == .format || c == .lineSeparator || c == .paragraphSeparator
  }
}
