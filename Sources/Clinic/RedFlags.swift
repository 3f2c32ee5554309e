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
  /// The phrases by their first word (a message is looked at once a word, not once a phrase: every patient's
  /// message is matched as it is stored), and those whose first word ends in `*`.
  private var byFirstWord: [String: [Int]] = [:]
  private var byPrefix: [(prefix: Substring, phrase: Int)] = []

  public init(lexicon: String) {
    self.init(phrases: Self.parse(lexicon))
  }

  public init(phrases: [Phrase]) {
    self.phrases = phrases
    for (i, p) in phrases.enumerated() {
      if p.words[0].hasSuffix("*") {
        byPrefix.append((p.words[0].dropLast(), i))
      } else {
        byFirstWord[p.words[0], default: []].append(i)
      }
    }
  }

  public static func == (a: RedFlags, b: RedFlags) -> Bool { a.phrases == b.phrases }

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

  /// The first phrase found in `text` (in the order of the text) and not negated, or nil.
  public func match(_ text: String) -> String? {
    guard !phrases.isEmpty else { return nil }
    for clause in Self.words(text) {
      for (at, word) in clause.enumerated() {
        var candidates = byFirstWord[word] ?? []
        for p in byPrefix where word.hasPrefix(p.prefix) { candidates.append(p.phrase) }
        for i in candidates where Self.matches(phrases[i].words, in: clause, at: at) {
          if !Self.negated(clause, before: at) { return phrases[i].text }
        }
      }
    }
    return nil
  }

  /// The text's folded words, split into clauses at punctuation and at "but" / "pero" (a negation does not reach
  /// across them). An apostrophe stays inside a word ("can't"), and in a lexicon's
  /// phrase (`pattern`) so does a final `*`.
  static func words(_ text: String, pattern: Bool = false) -> [[String]] {
    var clauses: [[String]] = []
    var clause: [String] = []
    var word = ""
    // By scalar, not by grapheme: every patient's message passes through here as it is stored. A space ends the
    // text so that its last word and clause end too.
    for u in SearchFold.fold(text).unicodeScalars + [" "] {
      let p = u.properties
      if p.isAlphabetic || p.numericType != nil || u == "'" || u == "’" || (pattern && u == "*") {
        word.unicodeScalars.append(u == "’" ? "'" : u)
        continue
      }
      let endsClause = clauseMarks.contains(u) || clauseWords.contains(word)
      if !word.isEmpty && !clauseWords.contains(word) { clause.append(word) }
      word = ""
      if endsClause && !clause.isEmpty {
        clauses.append(clause)
        clause = []
      }
    }
    if !clause.isEmpty { clauses.append(clause) }
    return clauses
  }

  static let clauseMarks = Set(".,;:!?¿¡()\n".unicodeScalars)


  static let clauseWords: Set<String> = ["but", "pero", "however", "aunque", "sino"]

  /// Whether `phrase` is in `clause` from word `start` on.
  static func matches(_ phrase: [String], in clause: [String], at start: Int) -> Bool {
    guard start + phrase.count <= clause.count else { return false }
    for (i, p) in phrase.enumerated() where !wordMatches(p, clause[start + i]) { return false }
    return true
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
