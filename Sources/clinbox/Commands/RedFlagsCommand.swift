import ArgumentParser
import Clinic
import FHIRMapping
import Foundation

/// `clinbox redflags`: what the red-flag rules find in a text and why — for a clinic checking its own phrases
/// (`red_flags`, `red_flag_files` are read as the inbox reads them), and for the labelled set's figures.
struct RedFlagsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "redflags",
    abstract: "Show what the red-flag rules find in a text, and why; or score them on a labelled set.",
    discussion: """
      Each TEXT (or each line of standard input) prints the flag it raises — what, the patient's words, and why it
      counts — or "no flag". A red flag is a rule's match, never a diagnosis.
      With --evaluate, prints recall and precision on labelled sets (eval/redflags/*.tsv).
      """)

  @Argument(help: "Texts to read as patients' messages (standard input when none).")
  var texts: [String] = []

  @Flag(help: "Also list every concept found and the context that kept or dropped it.")
  var explain = false

  @Option(help: "A labelled set (language, U/N, class, text; tab-separated) to score. May be repeated.")
  var evaluate: [String] = []

  func run() throws {
    let flags = try Settings.redFlags(try ConfigFile.load())
    if let problem = RedFlags.shippedProblem { throw Failure(problem) }
    if !evaluate.isEmpty {
      var rows: [RedFlagEvaluation.Row] = []
      for path in evaluate {
        guard let file = try? String(contentsOfFile: path, encoding: .utf8) else {
          throw Failure("\(path) cannot be read")
        }
        let part = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        rows += RedFlagEvaluation.rows(file, part: part)
      }
      print(RedFlagEvaluation(rows, flags: flags, prepare: HTMLText.plain).report)
      return
    }
    let input = texts.isEmpty ? Array(AnyIterator { readLine() }) : texts
    for raw in input {
      let text = HTMLText.plain(raw.replacingOccurrences(of: "\\n", with: "\n"))
      print(flags.match(text).map { "⚑ \($0.explanation)" } ?? "no flag")
      if explain { for line in flags.explain(text) { print("  " + line) } }
    }
  }
}
