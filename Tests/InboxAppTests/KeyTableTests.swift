import Foundation
import Testing
import TestClinic
@testable import InboxApp

/// The README's key table is the action table's: a key added, moved or rebound by default shows there.
@Suite struct KeyTableTests {
  static let begin = "<!-- keys: made from the action table (KeyTable.markdown); KeyTableTests checks it -->"
  static let end = "<!-- /keys -->"

  @Test func theReadmeListsTheKeysTheActionTableGives() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let start = try #require(readme.range(of: Self.begin), "the README marks its key table")
    let stop = try #require(readme.range(of: Self.end, range: start.upperBound..<readme.endIndex))
    let shown = readme[start.upperBound..<stop.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
    let table = KeyTable.markdown()
    #expect(shown == table, "the README's key table differs from the action table; it should read:\n\(table)")
  }

  @Test func ctrlCQuitsFromAThreadAndQGoesBack() {
    #expect(Command.forKey(.control("c"), on: .thread) == .quit)
    #expect(Command.forKey(.character("q"), on: .thread) == .back)
    #expect(Command.quit.effectiveKeys(on: .thread) == [.control("c")], "help in a thread does not offer q to quit")
    #expect(KeyTable.markdown().contains("| `quit` | quit clinbox | `q` `Ctrl-C` | `Ctrl-C` |"))
  }
}
