/// Whether a concept found in a sentence is the patient's own, now, and meant: the ConText algorithm (Harkema et
/// al., 2009, after NegEx, Chapman et al., 2001). Trigger terms mark the words within their scope — forward,
/// backward or both, a number of words, ended early by a terminating term — as negated, past, hypothetical,
/// someone else's, said with doubt, an idiom or a medicine's name. The terms are data
/// (`Sources/Clinic/Lexicon/context-*.txt`):
///
///     negated forward 6: no             category, direction, scope in words (the category's own when left out)
///     negated backward 3: is gone
///     terminate: but                    ends every scope
///     terminate historical: now         ends the scopes of one category
///
/// A `pseudo` trigger claims its words and does nothing ("think about" is not doubt). A negation does not reach
/// past a comma ("No, I have chest pain"), and a one-word trigger followed by a comma is
/// an interjection, not a trigger ("Sí, tengo…" folds to "si", Spanish for "if").
import Foundation

struct ContextRules: Equatable, Sendable {
  enum Category: String, CaseIterable, Sendable {
    case negated, historical, hypothetical, other, uncertain, idiom, medicine, terminate, pseudo

    var defaultScope: Int {
      switch self {
      case .negated: 3
      case .uncertain: 6
      case .historical: 8
      case .hypothetical, .other: 12
      case .idiom: 4
      case .medicine: 3
      case .terminate, .pseudo: 0
      }
    }
  }

  enum Direction: String, Sendable { case forward, backward, both }

  struct Trigger: Equatable, Sendable {
    var category: Category
    var direction: Direction
    var scope: Int
    var text: String
    /// For a terminating term, the categories it ends (all when empty).
    var ends: [Category] = []
  }

  private(set) var triggers: [Trigger] = []
  private let index: PatternIndex

  init(_ text: String) {
    var parsed: [Trigger] = []
    var patterns: [[Lexicon.Element]] = []
    for raw in text.split(whereSeparator: \.isNewline) {
      let line = Lexicon.withoutComment(raw)
      guard !line.hasPrefix("source:"), let colon = line.firstIndex(of: ":") else { continue }
      let head = line[..<colon].split(separator: " ").map(String.init)
      let phrase = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      guard let first = head.first, let category = Category(rawValue: first), !phrase.isEmpty else { continue }
      var trigger = Trigger(category: category, direction: .forward, scope: category.defaultScope, text: phrase)
      for word in head.dropFirst() {
        if let d = Direction(rawValue: word) { trigger.direction = d }
        else if let n = Int(word) { trigger.scope = n }
        else if let c = Category(rawValue: word) { trigger.ends.append(c) }
      }
      let elements = Lexicon.elements(phrase)
      guard !elements.isEmpty else { continue }
      parsed.append(trigger)
      patterns.append(elements)
    }
    triggers = parsed
    index = PatternIndex(patterns, fuzzy: false)
  }

  static func == (a: ContextRules, b: ContextRules) -> Bool { a.triggers == b.triggers }

  /// The categories that hold for the words `start..<end` of `sentence`, with the triggers' words.
  func categories(of span: Range<Int>, in sentence: [ClinicalText.Word],
                  found: [PatternIndex.Found]) -> [Category: String] {
    var out: [Category: String] = [:]
    let terminators = found.filter { triggers[$0.entry].category == .terminate }
    for t in found where !t.overlaps(span) {
      let trigger = triggers[t.entry]
      guard trigger.category != .terminate && trigger.category != .pseudo else { continue }
      if t.end - t.start == 1, sentence[t.start].markAfter { continue }
      let between: Range<Int>
      if t.end <= span.lowerBound, trigger.direction != .backward {
        between = t.end..<span.lowerBound
      } else if t.start >= span.upperBound, trigger.direction != .forward {
        between = span.upperBound..<t.start
      } else { continue }
      guard between.count <= trigger.scope else { continue }
      let ended = terminators.contains { term in
        between.contains(term.start) && (triggers[term.entry].ends.isEmpty
                                         || triggers[term.entry].ends.contains(trigger.category))
      }
      if ended { continue }
      // A negation stops at a comma: the marks after the words from the trigger to the concept.
      if trigger.category == .negated {
        let marks = (between.lowerBound - 1)..<between.upperBound
        if marks.contains(where: { $0 >= 0 && $0 < sentence.count && sentence[$0].markAfter }) { continue }
      }
      if out[trigger.category] == nil {
        out[trigger.category] = sentence[t.start..<t.end].map(\.written).joined(separator: " ")
      }
    }
    return out
  }

  /// The triggers found in a sentence, the longest where two start at one word (so "not sure" is doubt, not "not").
  func find(in sentence: [ClinicalText.Word]) -> [PatternIndex.Found] {
    let all = index.find(in: sentence).sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
    var kept: [PatternIndex.Found] = []
    for f in all where !kept.contains(where: { $0.overlaps(f.start..<f.end) }) { kept.append(f) }
    return kept
  }
}

extension PatternIndex.Found {
  func overlaps(_ span: Range<Int>) -> Bool { start < span.upperBound && span.lowerBound < end }
}
