import Foundation
import Testing
import Clinic
import TerminalUI
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
    #expect(Command.forKey(.control("c"), in: .thread) == .quit)
    #expect(Command.forKey(.character("q"), in: .thread) == .back)
    #expect(Command.quit.effectiveKeys(in: .thread) == [.control("c")], "help in a thread does not offer q to quit")
    let everywhere = String(repeating: " `Ctrl-C` |", count: Mode.allCases.count - 1)
    #expect(KeyTable.markdown().contains("| `quit` | quit clinbox (a draft is kept) | `q` `Ctrl-C` |" + everywhere))
  }
}

/// Help in every mode lists that mode's keys, and only those.
@Suite struct HelpInEveryModeTests {
  /// A state in each mode, reached by keys as a clinician would.
  static func state(in mode: Mode) -> AppState {
    var s = Fixtures.state(width: 120, height: 60)
    s.config.templates = []
    func press(_ keys: [Key]) { for k in keys { _ = reduce(&s, .key(k)) } }
    switch mode {
    case .list: break
    case .thread: _ = reduce(&s, .threadLoaded(patientID: "p1", patient: Fixtures.patient, messages: [Fixtures.inbox[0]], total: 1))
    case .editor, .confirm:
      _ = reduce(&s, .composeStarted(patientID: "p1", patientName: "Zoë Müller", draftID: nil, text: "", cursor: 0,
                                     values: [:], returnTo: .inbox))
      if mode == .confirm { press([.character("h"), .character("i"), .escape]) }
    case .picker: press([.character("a")])
    case .prompt: press([.character(":")])
    case .help: press([.character("?")])
    case .tagged: press([.character("t"), .character(";")])
    case .form:
      press([.character("i")])
      _ = reduce(&s, .checkInFormsLoaded([CheckInPanelTests.mood]))
    }
    #expect(s.mode == mode, "reached \(mode)")
    return s
  }

  @Test(arguments: Mode.allCases)
  func helpListsTheKeysOfItsMode(mode: Mode) {
    var s = Self.state(in: mode)
    let before = s
    _ = reduce(&s, .key(.function(1)))
    if mode == .help {
      #expect(s.overlay == nil, "F1 in help closes it")
      return
    }
    guard case .help(let h)? = s.overlay else { Issue.record("F1 opened no help in \(mode)"); return }
    #expect(h.mode == mode)
    // The name column of the box as drawn: keys, two spaces, the name, two spaces, what it does.
    let names = render(s).lines.compactMap { line -> String? in
      let inside = line.split(separator: "│", omittingEmptySubsequences: false)
      guard inside.count == 3 else { return nil }
      let columns = inside[1].components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
      return columns.count >= 3 ? columns[1] : nil
    }
    #expect(!names.isEmpty)
    #expect(Set(names) == Set(Command.of(mode).map { $0.rawValue }), "help in \(mode) lists its commands: \(names)")
    _ = reduce(&s, .key(.escape))
    #expect(s.overlay == before.overlay && s.mode == mode, "closing help goes back to the \(mode)")
  }
}
