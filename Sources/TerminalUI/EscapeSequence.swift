/// What follows an ESC that curses did not turn into a key: decided here, whole, so that no part of a sequence is
/// ever replayed as keystrokes (an SGR mouse report read as `[<0;12;5M` would switch views and mark messages).
public enum EscapeSequence: Equatable, Sendable {
  /// Nothing after the ESC, or something that starts no sequence: a bare Esc (the rest is given back).
  case escape(giveBack: Int)
  /// Alt and a character (`ESC b`): readline's Alt-B.
  case key(Key)
  /// `ESC [ 200 ~`: a bracketed paste begins; its text follows.
  case pasteStart
  /// A whole sequence clinbox has no use for (a key curses does not know, a focus or colour report): dropped.
  case ignored
  /// The start of a sequence whose end has not arrived yet.
  case incomplete

  /// Sequences longer than this are not sequences: what was read is dropped rather than waited on forever.
  public static let longest = 64

  /// Decodes the scalars read after an ESC.
  public static func decode(_ s: [Unicode.Scalar]) -> EscapeSequence {
    guard let first = s.first else { return .escape(giveBack: 0) }
    switch first {
    case "[": return csi(Array(s.dropFirst()))
    case "O":
      // SS3: one character names the key (F1–F4, keypad keys); curses knows those it uses.
      return s.count >= 2 ? .ignored : .incomplete
    case "]", "P", "_", "^":
      // OSC, DCS, APC, PM: a string up to BEL or ESC \ (a terminal answering a query).
      if s.contains("\u{07}") { return .ignored }
      if let i = s.firstIndex(of: "\u{1B}"), i + 1 < s.count, s[i + 1] == "\\" { return .ignored }
      return s.count >= longest ? .ignored : .incomplete
    case "\u{1B}":
      return .escape(giveBack: s.count)   // Esc pressed twice: the first is an Esc, the next is read again
    default:
      if first.value >= 0x20 && first.value < 0x7F || first.value >= 0xA0 { return .key(.alt(Character(first))) }
      return .escape(giveBack: s.count)
    }
  }

  /// `ESC [` parameters (0x30–0x3F), intermediates (0x20–0x2F), one final byte (0x40–0x7E).
  static func csi(_ body: [Unicode.Scalar]) -> EscapeSequence {
    guard let end = body.firstIndex(where: { (0x40...0x7E).contains($0.value) }) else {
      let wellFormed = body.allSatisfy { (0x20...0x3F).contains($0.value) }
      return wellFormed && body.count < longest ? .incomplete : .ignored
    }
    let params = String(String.UnicodeScalarView(body[..<end]))
    let final = body[end]
    if params == "200" && final == "~" { return .pasteStart }
    if params.hasPrefix("<"), final == "M" || final == "m" {
      return mouse(params.dropFirst(), pressed: final == "M").map { .key(.mouse($0)) } ?? .ignored
    }
    return .ignored
  }

  /// SGR (1006) mouse: `button;column;row`, 1-based, with no limit on the column. Left press is a click, 64 and
  /// 65 the wheel; releases, drags and other buttons do nothing here.
  static func mouse(_ params: Substring, pressed: Bool) -> MouseEvent? {
    let parts = params.split(separator: ";").compactMap { Int($0) }
    guard pressed, parts.count == 3, parts[1] >= 1, parts[2] >= 1 else { return nil }
    let x = parts[1] - 1
    let y = parts[2] - 1
    // Shift, Alt and Ctrl add 4, 8 and 16 to the button: the button itself is what is left.
    switch parts[0] & ~0b11100 {
    case 0: return MouseEvent(.click, x: x, y: y)
    case 64: return MouseEvent(.wheelUp, x: x, y: y)
    case 65: return MouseEvent(.wheelDown, x: x, y: y)
    default: return nil
    }
  }
}
