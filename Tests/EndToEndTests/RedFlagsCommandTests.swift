import Foundation
import Testing

/// `clinbox redflags` as a clinic's IT person uses it: what a patient's words raise and why, with the clinic's own
/// phrases, and the labelled set's figures — through the real binary.
@Suite struct RedFlagsCommandTests {
  @Test func itSaysWhatATextRaisesAndWhyWithTheClinicsOwnPhrases() throws {
    let dir = try scratchFolder(config: "red_flags = [\"vision loss*\"]\n")
    defer { try? FileManager.default.removeItem(at: dir) }
    let env = ["XDG_CONFIG_HOME": dir.path]
    let texts = ["There is a weight on my chest since 7", "No chest pain since Sunday", "Vision loss in my left eye",
                 "<p>I can't</p><p>breathe</p>"]
    let run = try clinbox(["redflags", "--explain"] + texts, env: env)
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n").filter { !$0.hasPrefix("  ") }.map(String.init)
    #expect(lines == [
      "⚑ chest pressure or tightness — now, the patient's own; words: 'weight on my chest'",
      "no flag",
      "⚑ vision loss* — now, the patient's own; words: 'Vision loss'",
      "⚑ trouble breathing — now, the patient's own; words: 'can't breathe'",
    ])
    #expect(run.stdout.contains("'chest pain' → chest-pain [chest ~3 pain*]: negated ('No')"))
  }

  @Test func itScoresTheLabelledSet() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let set = ["dev", "heldout"].flatMap { ["--evaluate", root.appendingPathComponent("eval/redflags/\($0).tsv").path] }
    let run = try clinbox(["redflags"] + set, env: ["XDG_CONFIG_HOME": "/nonexistent"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("all                     n=318  recall 0.9"))
    #expect(run.stdout.contains("part heldout            n=97"))
  }
}
