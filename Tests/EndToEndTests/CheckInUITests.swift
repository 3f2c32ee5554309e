import Foundation
import Testing

/// A check-in through the real binary in tmux: the thread's panel, recording one from the keyboard, and finding
/// it in the panel and in the check-in view.
@Suite struct CheckInUITests {
  @Test func seeThePanelRecordACheckInFindItInThePanelAndTheView() throws {
    let t = try Tmux(command: "\(clinboxBinary) demo --patient-writes-every 0")
    defer { t.stop() }
    t.waitFor { synced($0) && $0.contains(" 1/") }
    // The seed gives ten patients check-ins: open threads until one shows its panel.
    var thread = ""
    for _ in 0..<20 {
      t.send("Enter")
      t.waitFor(5) { $0.contains(" · lines ") }
      // The panel comes with the thread's check-ins, a moment after the thread (longer when the machine is busy).
      thread = t.waitFor(1.5) { $0.contains(" · lines ") && $0.contains("Mood check-in") }
      if thread.contains("Mood check-in") { break }
      // Back in the inbox before the next row: keys sent ahead would open another thread than the one seen.
      t.send("q")
      t.waitFor(5) { !$0.contains(" · lines ") }
      t.send("j")
    }
    #expect(thread.contains("Mood check-in") && thread.contains("/6"), "a thread with its check-in panel")
    t.send("i")
    let forms = t.waitFor(15) { $0.contains("Record a check-in for") && !$0.contains("reading the forms") }
    #expect(forms.contains("Mood check-in"), "the forms to choose")
    t.send("Down"); t.send("Enter")   // Mood check-in (the forms by name: Anxiety…, Mood…); letters would type
    #expect(t.waitFor(5) { $0.contains("1/2 Little interest") }.contains("1/2 Little interest"))
    t.send("Down"); t.send("Down"); t.send("Down"); t.send("Enter")   // Nearly every day
    t.send("Down"); t.send("Down"); t.send("Down"); t.send("Enter")   // Nearly every day
    #expect(t.waitFor(5) { $0.contains("Enter records it") }.contains("Feeling down, depressed, or hopeless: Nearly every day"))
    t.send("Enter")
    // The notice shows with the key; the panel once the check-in is stored and read back.
    let recorded = t.waitFor(10) { $0.contains("check-in recorded") && $0.contains("6/6") }
    let panel = recorded.split(separator: "\n").first { $0.contains("6/6") }
    #expect(panel?.contains("⚠ at or over 3") == true, "the panel shows the new score: \(recorded)")
    t.send("I")
    let view = t.waitFor(15) { $0.contains("Check-ins of") && $0.contains("› ") }
    let newest = view.split(separator: "\n").first { $0.contains("› ") }
    #expect(newest?.contains("Mood check-in") == true && newest?.contains("6/6") == true,
            "the newest row of the view is the one just recorded: \(newest ?? "")")
    t.send("Escape")
    // Delivered: the outbox empties.
    let sent = t.waitFor(30) { synced($0) && !$0.contains("queued") }
    #expect(!sent.contains("queued"))
    t.send("q"); t.send("q")
  }
}
