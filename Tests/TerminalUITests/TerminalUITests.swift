import Testing
@testable import TerminalUI

@Suite struct SanitizerTests {
  static let hostile = "Title \u{1B}]0;pwned\u{07} clear \u{1B}[2J\u{1B}[H bidi \u{202E}gnp.exe\u{202C} zero\u{200B}width\u{FEFF} C1 \u{9B}31m \u{2067}iso\u{2069} del\u{7F}"

  @Test func nothingHostileSurvives() {
    let out = Sanitizer.line(Self.hostile)
    for s in out.unicodeScalars {
      #expect(s.value >= 0x20 && s.value != 0x7F && !(0x80...0x9F).contains(s.value), "control U+\(String(s.value, radix: 16)) survived")
      #expect(!(0x202A...0x202E).contains(s.value) && !(0x2066...0x2069).contains(s.value), "bidi control survived")
      #expect(s.value != 0x200B && s.value != 0xFEFF, "zero-width character survived")
    }
    #expect(out.contains("␛]0;pwned␇"))
    #expect(out.contains("␛[2J"))
    #expect(out.contains("\u{FFFD}gnp.exe\u{FFFD}"))
  }

  @Test func whateverAScreenPutsIsMadeInertByTheGrid() {
    // A screen that forgets to sanitise cannot harm the terminal: the grid's one way in cleans what it is given.
    var g = Grid(width: 200, height: 1)
    g.put(Self.hostile, x: 0, y: 0, role: .normal)
    let shown = g.lines[0]
    #expect(shown.contains("␛]0;pwned␇") && shown.contains("␛[2J"), "\(shown)")
    for s in shown.unicodeScalars {
      #expect(s.value >= 0x20 && s.value != 0x7F && !(0x80...0x9F).contains(s.value), "U+\(String(s.value, radix: 16))")
      #expect(!(0x202A...0x202E).contains(s.value) && !(0x2066...0x2069).contains(s.value), "bidi control survived")
    }
  }

  @Test func everyFormatCharacterAndSeparatorIsCaught() {
    // The quick check skips the category lookup outside a few ranges: no format character may live outside them.
    var missed: [String] = []
    for v in UInt32(0xA0)...0x10FFFF {
      guard let s = Unicode.Scalar(v) else { continue }
      let c = s.properties.generalCategory
      guard c == .format || c == .lineSeparator || c == .paragraphSeparator else { continue }
      if Sanitizer.line("a" + String(Character(s)) + "b").unicodeScalars.contains(s) { missed.append(String(v, radix: 16)) }
    }
    #expect(missed.isEmpty, "format characters shown as they are: \(missed)")
  }

  @Test func newlinesOnlyWhereLinesAreShown() {
    #expect(Sanitizer.line("a\nb\tc") == "a b c")
    #expect(Sanitizer.text("a\nb\tc") == "a\nb    c")
  }

  /// A soft hyphen or a zero-width space reads as nothing, as it would on paper; a bidi override still shows.
  @Test func invisibleCharactersReadAsNothingButBidiShows() {
    #expect(Sanitizer.line("Re\u{AD}fill my in\u{200B}ha\u{2060}ler\u{FEFF}") == "Refill my inhaler")
    #expect(Sanitizer.line("a\u{202E}b") == "a\u{FFFD}b")
  }

  @Test func emojiJoinersDropped() {
    #expect(Sanitizer.line("❤\u{FE0F} 👩\u{200D}⚕\u{FE0F}") == "❤ 👩⚕")
  }
}

@Suite struct CellWidthTests {
  @Test func widths() {
    #expect(CellWidth.of("a") == 1)
    #expect(CellWidth.of("Zoë Müller") == 10)
    #expect(CellWidth.of("李小龙") == 6)
    #expect(CellWidth.of("김민준") == 6)
    #expect(CellWidth.of("👍") == 2)
    #expect(CellWidth.of("e\u{301}") == 1)   // e + combining acute
    #expect(CellWidth.of("👍🏽") == 2)     // a skin tone rides on its emoji
  }

  @Test func truncateAndPadByColumns() {
    #expect(TextLayout.truncate("李小龙李小龙", to: 7) == "李小龙…")
    #expect(CellWidth.of(TextLayout.pad("李小", to: 7)) == 7)
    #expect(TextLayout.truncate("short", to: 10) == "short")
    #expect(TextLayout.truncate("anything", to: 0) == "")
  }

  @Test func wrapKeepsWordsAndBreaksLongOnes() {
    #expect(TextLayout.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
    #expect(TextLayout.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    #expect(TextLayout.wrap("a\n\nb", width: 5) == ["a", "", "b"])
    for line in TextLayout.wrap("李小龙说你好世界这是一个很长的句子", width: 7) { #expect(CellWidth.of(line) <= 7) }
  }
}

@Suite struct GridTests {
  @Test func wideCharactersAtTheEdgeBecomeSpace() {
    var g = Grid(width: 5, height: 1)
    let used = g.put("ab李小", x: 0, y: 0, role: .normal)
    #expect(g.lines == ["ab李"])
    #expect(used == 5)
  }

  @Test func outOfBoundsWritesAreIgnored() {
    var g = Grid(width: 3, height: 2)
    g.put("x", x: 10, y: 0, role: .normal)
    g.put("x", x: 0, y: 5, role: .normal)
    g.put("x", x: 0, y: -1, role: .normal)
    #expect(g.lines == ["", ""])
  }
}

/// What follows an ESC is decided whole: nothing of a sequence is replayed as keys.
@Suite struct EscapeSequenceTests {
  func decode(_ s: String) -> EscapeSequence { EscapeSequence.decode(Array(s.unicodeScalars)) }

  @Test func sgrMouseReportsAreClicksAndWheelsAtAnyColumn() {
    #expect(decode("[<0;300;5M") == .key(.mouse(MouseEvent(.click, x: 299, y: 4))), "column 300: past 223")
    #expect(decode("[<64;10;3M") == .key(.mouse(MouseEvent(.wheelUp, x: 9, y: 2))))
    #expect(decode("[<65;10;3M") == .key(.mouse(MouseEvent(.wheelDown, x: 9, y: 2))))
    #expect(decode("[<0;300;5m") == .ignored, "a release is consumed and does nothing")
    #expect(decode("[<2;3;4M") == .ignored, "the right button is consumed and does nothing")
    #expect(decode("[<0;12") == .incomplete, "half a report waits for the rest")
  }

  @Test func unknownSequencesAreConsumedWhole() {
    #expect(decode("[1;5P") == .ignored)
    #expect(decode("[I") == .ignored, "focus in")
    #expect(decode("]11;rgb:0000/0000/0000\u{07}") == .ignored, "a colour report")
    #expect(decode("OQ") == .ignored)
    #expect(decode("[200~") == .pasteStart)
  }

  @Test func altLettersAndABareEsc() {
    #expect(decode("b") == .key(.alt("b")))
    #expect(decode("") == .escape(giveBack: 0))
    #expect(decode("\u{1B}") == .escape(giveBack: 1), "Esc twice: the second is read again")
  }
}

/// The rule of `CellWidth` for grapheme clusters, case by case (its doc comment lists them in this order): what
/// the grid reserves, and what curses is given, agree.
@Suite struct GraphemeWidthTests {
  /// Width as measured, after the sanitiser (as every drawn text is), and the columns curses is given.
  func measured(_ text: String) -> (width: Int, cells: Int) {
    let shown = Sanitizer.line(text)
    // A wide base given alone takes two columns in curses too.
    let cells = shown.reduce(0) { total, c in
      let parts = CellWidth.cells(c).count
      return total + parts + (CellWidth.of(c) == 2 && parts == 1 ? 1 : 0)
    }
    return (CellWidth.of(shown), cells)
  }

  @Test(arguments: [
    ("e\u{301}", 1, "a letter and its combining mark"),
    ("我", 2, "CJK"),
    ("🇺🇦", 2, "a flag: two regional indicators"),
    ("🇺", 1, "a lone regional indicator"),
    ("👍🏽", 2, "an emoji with a skin tone"),
    ("1\u{FE0F}\u{20E3}", 1, "a keycap: the variation selector dropped"),
    ("👨\u{200D}👩\u{200D}👧", 6, "a ZWJ family: the joiner dropped, three emoji"),
    ("❤\u{FE0F}", 1, "a text-default symbol: the variation selector dropped"),
  ])
  func aClusterIsMeasuredAsOne(text: String, width: Int, what: String) {
    let m = measured(text)
    #expect(m.width == width, "\(what)")
    #expect(m.cells == width, "\(what): curses is given as many columns as the grid reserves")
  }

  @Test func aFlagIsDrawnWholeNotAsHalfAndABlank() {
    var g = Grid(width: 10, height: 1)
    g.put("🇺🇦 ok", x: 0, y: 0, role: .normal)
    #expect(g.lines[0] == "🇺🇦 ok")
    #expect(CellWidth.cells(g[0, 0].character!).map { $0.map(\.value) } == [[0x1F1FA], [0x1F1E6]])
  }

  @Test func anOverlayOverWideCharactersLeavesNoHalfOfOne() {
    // A row of CJK under a box whose edges fall on the right half of one character and the left half of another.
    var g = Grid(width: 20, height: 3)
    for y in 0..<3 { g.put("我的药快吃完了可以帮", x: 0, y: y, role: .normal) }
    let before = g
    var covered = g
    Box.draw("x", in: Rect(x: 3, y: 0, width: 6, height: 3), into: &covered)
    #expect(covered.wideCharactersWhole, "no right half without its left, no left half without its right")
    #expect(covered.lines[1] == "我 │    │ 完了可以帮", "the characters the box cut are blanked whole: \(covered.lines[1])")
    #expect(before.wideCharactersWhole)
  }
}
