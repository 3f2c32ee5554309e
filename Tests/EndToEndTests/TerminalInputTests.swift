import Foundation
import Testing

/// What a terminal sends that is not a key press: mouse reports in SGR encoding (any column) and sequences clinbox
/// has no use for, through the real binary, curses and tmux.
@Suite struct TerminalInputTests {
  /// Bytes straight into the pane, as a terminal would send them.
  func sendBytes(_ t: Tmux, _ text: String) throws {
    _ = try t.tmux(["send-keys", "-t", "t", "-H"] + text.utf8.map { String(format: "%02x", $0) })
  }

  @Test func anSGRClickPastColumn223SelectsAndUnknownSequencesDoNothing() throws {
    let t = try Tmux(width: 250, height: 30, command: "\(clinboxBinary) demo --patient-writes-every 0")
    defer { t.stop() }
    let start = t.waitFor { synced($0) && $0.contains(" 1/") }
    #expect(start.contains("clinbox · All"))
    // A left press at column 240, row 6 (1-based): the fifth message of the list.
    try sendBytes(t, "\u{1B}[<0;240;6M")
    let clicked = t.waitFor(5) { $0.contains(" 5/") }
    #expect(clicked.contains(" 5/"), "the click selected the row under it")
    // Its release, a focus report and a key curses does not know: consumed whole. Replayed as keys, "[" would
    // switch the view and "P" or "I" do what they do.
    try sendBytes(t, "\u{1B}[<0;240;6m\u{1B}[I\u{1B}[1;5P\u{1B}[O")
    try sendBytes(t, "j")
    let after = t.waitFor(5) { $0.contains(" 6/") }
    #expect(after.contains(" 6/"), "the next key still works, from where the click left it")
    #expect(after.contains("clinbox · All"), "no view switched: \(after.split(separator: "\n").first ?? "")")
    t.send("q")
  }
}
