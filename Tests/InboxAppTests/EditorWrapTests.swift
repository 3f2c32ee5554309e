import Testing
import TerminalUI
@testable import InboxApp
import Foundation

/// Soft-wrap and moves by screen row, as a reader of the compose pane sees them: no word cut in two, no wide
/// character split across rows, Up and Down keep the column.
@Suite struct EditorWrapTests {
  func lines(_ text: String, width: Int) -> [String] { Editor(text: text).layout(width: width).lines }

  @Test func rowsBreakBetweenWordsNotInsideThem() {
    let text = "Your blood pressure readings support the plan for weight management."
    let rows = lines(text, width: 30)
    #expect(rows == ["Your blood pressure readings ", "support the plan for weight ", "management."])
    #expect(rows.joined() == text, "wrapping drops nothing")
    for row in rows { #expect(CellWidth.of(row.trimmingCharacters(in: .whitespaces)) <= 30) }
  }

  @Test func aWordLongerThanTheRowBreaksByGrapheme() {
    let rows = lines("see https://example.org/results/2026/a1c-panel ok", width: 12)
    #expect(rows == ["see ", "https://exam", "ple.org/resu", "lts/2026/a1c", "-panel ok"])
  }

  @Test func wideCharactersAndEmojiAreNeverSplitAcrossRows() {
    // 我的药快吃完了 is 14 columns; 👍🏽 (thumbs up, skin tone) and 🇺🇦 are one grapheme of two columns each.
    let text = "我的药快吃完了，可以帮我续药吗？ 👍🏽🇺🇦 谢谢"
    let rows = lines(text, width: 9)
    #expect(rows.joined() == text)
    for row in rows { #expect(CellWidth.of(row.trimmingCharacters(in: .whitespaces)) <= 9, "\(row)") }
    #expect(rows.contains { $0.contains("👍🏽") }, "the skin tone stays with its emoji")
    #expect(rows.contains { $0.contains("🇺🇦") }, "the flag's two letters stay together")
  }

  @Test func upAndDownMoveByScreenRowKeepingTheColumn() {
    // One paragraph of three rows at 20 columns: "Please take one " / "tablet with food. " / "Call us."
    var e = Editor(text: "Please take one tablet with food. Call us.", cursor: 0)
    let width = 20
    #expect(e.layout(width: width).lines.count == 3)
    for _ in 0..<9 { e.right() }
    e.down(width: width)
    #expect(e.position(of: e.cursor, width: width) == (1, 9), "Down goes to the next screen row, same column")
    e.down(width: width)
    #expect(e.position(of: e.cursor, width: width) == (2, 8), "a short row: the cursor stops at its end")
    e.up(width: width)
    #expect(e.position(of: e.cursor, width: width) == (1, 9), "and Up goes back to the column it came from")
    e.up(width: width)
    e.up(width: width)
    #expect(e.cursor == 0, "Up on the first row goes to the start")
  }

  @Test func rowMovesOverWideCharactersLandBetweenThem() {
    // Row 1 has ASCII, row 2 CJK: column 3 of the ASCII row falls inside 的 (columns 2–3), so the cursor rests
    // before it.
    var e = Editor(text: "abcdef\n我的药", cursor: 3)
    e.down(width: 20)
    #expect(e.cursor == 8, "after 我, before 的: never inside a wide character")
    #expect(e.position(of: e.cursor, width: 20) == (1, 2))
  }

  @Test func theCursorAfterAWrapIsOnTheNextRow() {
    let e = Editor(text: "one two three", cursor: 8)   // at "three", the start of the second row
    #expect(e.layout(width: 8).lines == ["one two ", "three"])
    #expect(e.position(of: 8, width: 8) == (1, 0))
  }
}
