import Foundation
import Testing
import TerminalUI
import TestClinic
@testable import InboxApp

/// Help fits its lines to the screen: a column for keys, one for names, descriptions wrapped under themselves —
/// never cut, never run into the name before them.
@Suite struct HelpFrameTests {
  func help(in mode: Mode, width: Int, height: Int) -> Grid {
    var s = HelpInEveryModeTests.state(in: mode)
    _ = reduce(&s, .resized(width: width, height: height))
    _ = reduce(&s, .key(mode.takesLetters ? .function(1) : .character("?")))
    return render(s)
  }

  /// The text inside the box's frame on each row.
  func inside(_ g: Grid) -> [String] {
    g.lines.compactMap { line -> String? in
      guard let open = line.firstIndex(of: "│"), let close = line.lastIndex(of: "│"), open < close else { return nil }
      return String(line[line.index(after: open)..<close])
    }
  }

  @Test func at120ColumnsEveryDescriptionIsWhole() {
    let g = help(in: .editor, width: 120, height: 70)
    assertSnapshot(g.snapshot, named: "help-editor-120x70")
    let rows = inside(g)
    #expect(rows.contains { $0.contains("external-editor  edit the text in $EDITOR") }, "name and description apart")
    #expect(!rows.contains { $0.contains("…") }, "no description cut")
  }

  @Test func at80ColumnsLongDescriptionsWrapUnderThemselves() {
    let g = help(in: .list, width: 80, height: 50)
    assertSnapshot(g.snapshot, named: "help-inbox-80x50")
    let rows = inside(g)
    #expect(!rows.contains { $0.contains("…") }, "no description cut")
    let reply = try! #require(rows.firstIndex { $0.contains("reply") && $0.contains("write to this message's") })
    let column = rows[reply].range(of: "write to")!.lowerBound.utf16Offset(in: rows[reply])
    let next = rows[reply + 1]
    #expect(next.prefix(column).allSatisfy { $0 == " " } && next.dropFirst(column).first != " ",
            "the rest of the description starts under its first line: \(next)")
  }
}
