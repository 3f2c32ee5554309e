import Foundation

/// Recall and precision of a lexicon on a labelled set (`eval/redflags/`): rows of language, label (`U` urgent,
/// `N` not), class and text, tab-separated, `\n` in a text a line break. Shared by `clinbox redflags --evaluate`
/// (and so `scripts/eval-redflags`) and the test that holds the figures.
public struct RedFlagEvaluation: Sendable {
  public struct Row: Sendable {
    public var language: String
    public var urgent: Bool
    public var category: String
    public var text: String
    public var part: String
  }

  public struct Tally: Sendable {
    public var truePositives = 0, falseNegatives = 0, falsePositives = 0, trueNegatives = 0
    public var recall: Double {
      truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    public var precision: Double {
      truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    public var count: Int { truePositives + falseNegatives + falsePositives + trueNegatives }

    mutating func add(urgent: Bool, flagged: Bool) {
      switch (urgent, flagged) {
      case (true, true): truePositives += 1
      case (true, false): falseNegatives += 1
      case (false, true): falsePositives += 1
      case (false, false): trueNegatives += 1
      }
    }
  }

  public var overall = Tally()
  public var byLanguage: [String: Tally] = [:]
  public var byClass: [String: Tally] = [:]
  public var byPart: [String: Tally] = [:]
  /// The rows clinbox got wrong, with what it found.
  public var wrong: [(row: Row, found: RedFlag?)] = []

  /// Rows of a set file; `part` names it (`dev`, `heldout`).
  public static func rows(_ file: String, part: String) -> [Row] {
    file.split(separator: "\n").compactMap { line in
      let cols = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
      guard cols.count == 4, cols[1] == "U" || cols[1] == "N" else { return nil }
      return Row(language: cols[0], urgent: cols[1] == "U", category: cols[2],
                 text: cols[3].replacingOccurrences(of: "\\n", with: "\n"), part: part)
    }
  }

  /// `prepare` makes a stored text what the clinician sees (HTML made text), as sync does.
  public init(_ rows: [Row], flags: RedFlags, prepare: (String) -> String) {
    for row in rows {
      let found = flags.match(prepare(row.text))
      let flagged = found != nil
      overall.add(urgent: row.urgent, flagged: flagged)
      byLanguage[row.language, default: Tally()].add(urgent: row.urgent, flagged: flagged)
      byClass[row.category, default: Tally()].add(urgent: row.urgent, flagged: flagged)
      byPart[row.part, default: Tally()].add(urgent: row.urgent, flagged: flagged)
      if row.urgent != flagged { wrong.append((row, found)) }
    }
  }

  /// The figures as a table, then the rows it got wrong.
  public var report: String {
    func line(_ name: String, _ t: Tally) -> String {
      let pad = name.count < 24 ? String(repeating: " ", count: 24 - name.count) : " "
      return name + pad + "n=\(t.count)  recall \(Self.two(t.recall))  precision \(Self.two(t.precision))"
        + "  (missed \(t.falseNegatives), false alarms \(t.falsePositives))"
    }
    var out = [line("all", overall)]
    out += byPart.keys.sorted().map { line("part \($0)", byPart[$0]!) }
    out += byLanguage.keys.sorted().map { line("language \($0)", byLanguage[$0]!) }
    out += byClass.keys.sorted().map { line("class \($0)", byClass[$0]!) }
    out += wrong.map { w in
      "\(w.row.urgent ? "MISSED" : "FALSE ALARM") [\(w.row.part) \(w.row.category)] \(w.row.text)"
        + (w.found.map { " → \($0.explanation)" } ?? "")
    }
    return out.joined(separator: "\n")
  }

  static func two(_ x: Double) -> String {
    let hundredths = Int((x * 100).rounded())
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
  }
}
