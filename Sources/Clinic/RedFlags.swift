import Foundation

/// Red-flag phrases found in a patient's words: a keyword match, never a triage decision. It marks a message and
/// puts it in the Urgent view; it hides nothing, reorders no other view and routes nothing by itself.
///
/// A lexicon is lines of phrases (`#` starts a comment). Words are matched whole, accents and case folded; a word
/// ending in `*` matches any word it begins (`bleed*`). A phrase is not found when a negation ("no", "not",
/// "denies", "sin", "niega"…) stands before it in the same clause, within four words: "no chest pain" is not a red
/// flag, "no, I have chest pain" is.
public struct RedFlags: Equatable, Sendable {
  /// One phrase: what it reads (shown in the mark) and its folded words.
  public struct Phrase: Equatable, Sendable {
    public var text: String
    var words: [String]
  }

  public private(set) var phrases: [Phrase]

  public init(lexicon: String) {
    phrases = Self.parse(lexicon)
  }

  public init(phrases: [Phrase]) {
    self.phrases = phrases
  }

  /// The lexicons shipped with clinbox: English and Spanish.
  public static let shipped = RedFlags(lexicon: RedFlagPhrases.english + "\n" + RedFlagPhrases.spanish)

  /// This lexicon with another's phrases added (the clinic's own, from the config).
  public func adding(_ other: RedFlags) -> RedFlags {
    RedFlags(phrases: phrases + other.phrases.filter { !phrases.contains($0) })
  }

  /// A short fingerprint of the phrases: the cache re-marks its messages when the lexicon changes.
  public var fingerprint: String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in phrases.map(\.text).joined(separator: "\n").utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return String(hash, radix: 16)
  }

  static func parse(_ lexicon: String) -> [Phrase] {
    var out: [Phrase] = []
    for line in lexicon.split(whereSeparator: \.isNewline) {
      let text = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        .trimmingCharacters(in: .whitespaces)
      let words = Self.words(text, pattern: true).flatMap(\.self)
      guard !words.isEmpty, !out.contains(where: { $0.words == words }) else { continue }
      out.append(Phrase(text: text, words: words))
    }
    return out
  }

  /// The first phrase found in `text` and not negated, or nil.
  public func match(_ text: String) -> String? {
    guard !phrases.isEmpty else { return nil }
    for clause in Self.words(text) {
      for phrase in phrases {
        if let at = Self.find(phrase.words, in: clause), !Self.negated(clause, before: at) {
          return phrase.text
        }
      }
    }
    return nil
  }

  /// The text's folded words, split into clauses at punctuation and at "but" / "pero" (a negation does not reach
  /// across them). An apostrophe stays inside a word ("can't"), and in a lexicon's
  /// phrase (`pattern`) so does a final `*`.
  static func words(_ text: String, pattern: Bool = false) -> [[String]] {
    var clauses: [[String]] = [[]]
    var word = ""
    func endWord() {
      guard !word.isEmpty else { return }
      if clauseWords.contains(word) {
        clauses.append([])
      } else {
        clauses[clauses.count - 1].append(word)
      }
      word = ""
    }
    for ch in SearchFold.fold(text).replacingOccurrences(of: "’", with: "'") {
      if ch.isLetter || ch.isNumber || ch == "'" || (pattern && ch == "*") {
        word.append(ch)
      } else {
        endWord()
        if ".,;:!?¿¡()\n".contains(ch) { clauses.append([]) }
      }
    }
    endWord()
    return clauses.filter { !$0.isEmpty }
  }

  static let clauseWords: Set<String> = ["but", "pero", "however", "aunque", "sino"]

  /// Where `phrase` starts in `clause`, if it is there.
  static func find(_ phrase: [String], in clause: [String]) -> Int? {
    guard phrase.count <= clause.count else { return nil }
    for start in 0...(clause.count - phrase.count) {
      var all = true
      for (i, p) in phrase.enumerated() where !wordMatches(p, clause[start + i]) {
        all = false
        break
      }
      if all { return start }
    }
    return nil
  }

  static func wordMatches(_ pattern: String, _ word: String) -> Bool {
    pattern.hasSuffix("*") ? word.hasPrefix(pattern.dropLast()) : pattern == word
  }

  /// Negation cues, English and Spanish. "no" also begins "no puedo respirar": the phrase itself is not looked
  /// at, only the words before it.
  static let negations: Set<String> = [
    "no", "not", "never", "denies", "deny", "denied", "without", "dont", "don't", "doesnt", "doesn't", "didnt",
    "didn't", "isnt", "isn't", "wasnt", "wasn't", "havent", "haven't", "hasnt", "hasn't", "none", "nor", "negative",
    "sin", "niega", "nunca", "tampoco", "ni", "ningun", "ninguna", "ninguno", "jamas",
  ]

  static func negated(_ clause: [String], before index: Int) -> Bool {
    clause[max(0, index - 4)..<index].contains { negations.contains($0) }
  }
}
