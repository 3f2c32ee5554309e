import Foundation

/// Red flags in a patient's words: concepts (chest pain, a young infant's fever…) found with their synonyms, lay
/// phrasings, misspellings and Spanish, kept only when the context says they are the patient's own and now —
/// not negated, past, hypothetical, someone else's, an idiom or a medicine's name. A rule match, never a triage
/// decision: it marks a message and puts it in the Urgent view; it hides nothing and routes nothing.
///
/// The lexicons are data (`Lexicon`, `ContextRules`); the shipped ones are in `Sources/Clinic/Lexicon/`, and a
/// clinic adds its own (`red_flags`, `red_flag_files`).
public struct RedFlags: Equatable, Sendable {
  let lexicon: Lexicon
  let context: ContextRules
  private let index: PatternIndex

  init(lexicon: Lexicon, context: ContextRules) {
    self.lexicon = lexicon
    self.context = context
    index = PatternIndex(lexicon.entries.map(\.elements), fuzzy: true)
  }

  /// A clinic's own lexicon (phrases, or concepts as the shipped files write them), read with the shipped context.
  public init(lexicon text: String) {
    self.init(lexicon: Lexicon(text), context: ShippedLexicon.context)
  }

  public static func == (a: RedFlags, b: RedFlags) -> Bool { a.lexicon == b.lexicon && a.context == b.context }

  /// The lexicons shipped with clinbox: English and Spanish.
  public static let shipped = RedFlags(lexicon: ShippedLexicon.concepts, context: ShippedLexicon.context)

  /// How many entries the lexicon has (the clinic's own included).
  public var entryCount: Int { lexicon.entries.count }

  /// This lexicon with another's concepts added (the clinic's own, from the config).
  public func adding(_ other: RedFlags) -> RedFlags {
    RedFlags(lexicon: lexicon.adding(other.lexicon), context: context)
  }

  /// A short fingerprint of the rules: the cache re-marks its messages when they change.
  public var fingerprint: String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    let entries = lexicon.entries.map { "\(lexicon.concepts[$0.concept].id):\($0.text)" }
    let text = ([Self.rulesVersion] + entries + context.triggers.map(\.text)).joined(separator: "\n")
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return String(hash, radix: 16)
  }

  /// Raised when the matching itself changes, so that every cache marks its messages again.
  static let rulesVersion = "context-2"

  /// The first red flag in the text, in the order of the text, or nil.
  public func match(_ text: String) -> RedFlag? {
    guard !lexicon.entries.isEmpty else { return nil }
    var kept: [Mention] = []
    // The longest entry where two of one concept overlap ("chest pain" inside "chest pain radiating").
    for m in mentions(in: text)
    where !kept.contains(where: { $0.sentence == m.sentence && $0.concept == m.concept && $0.span.overlaps(m.span) }) {
      kept.append(m)
    }
    return decide(kept.sorted { ($0.sentence, $0.span.lowerBound) < ($1.sentence, $1.span.lowerBound) })
  }

  /// Every entry found in the text, with its context: the context is looked for only in a sentence where a concept
  /// was found (most messages have none).
  func mentions(in text: String) -> [Mention] {
    var out: [Mention] = []
    for (s, sentence) in ClinicalText(text).sentences.enumerated() {
      let found = index.find(in: sentence)
      guard !found.isEmpty else { continue }
      let triggers = context.find(in: sentence)
      for f in found {
        let span = f.start..<f.end
        out.append(Mention(entry: f.entry, concept: lexicon.entries[f.entry].concept, sentence: s, span: span,
                           context: context.categories(of: span, in: sentence, found: triggers),
                           words: sentence[span].map(\.written).joined(separator: " ")))
      }
    }
    return out
  }

  struct Mention {
    var entry: Int
    var concept: Int
    var sentence: Int
    var span: Range<Int>
    var context: [ContextRules.Category: String]
    var words: String
  }

  private func decide(_ mentions: [Mention]) -> RedFlag? {
    for m in mentions where Self.holds(m, pastCounts: false) {
      let concept = lexicon.concepts[m.concept]
      guard !concept.isModifier else { continue }
      let doubt = m.context[.uncertain].map { ", said with doubt: '\($0)'" } ?? ""
      if concept.onlyWith.isEmpty {
        return RedFlag(concept: concept.label, words: m.words, context: "now, the patient's own" + doubt)
      }
      for (modifier, label) in concept.onlyWith {
        let partner = mentions.first { other in
          let c = lexicon.concepts[other.concept]
          return c.id == modifier && c.isModifier && Self.holds(other, pastCounts: c.pastCounts)
            && (!c.sameSentence || other.sentence == m.sentence)
        }
        if let partner {
          return RedFlag(concept: label, words: "\(m.words) … \(partner.words)",
                         context: "now, the patient's own" + doubt)
        }
      }
    }
    return nil
  }

  /// Whether what was found is the patient's own, meant, and (unless the past counts) now.
  static func holds(_ m: Mention, pastCounts: Bool) -> Bool {
    let blocking: [ContextRules.Category] = [.negated, .hypothetical, .other, .idiom, .medicine]
    if blocking.contains(where: { m.context[$0] != nil }) { return false }
    return pastCounts || m.context[.historical] == nil
  }

  /// Why each mention of a concept in the text did or did not count: for `clinbox redflags --explain`.
  public func explain(_ text: String) -> [String] {
    mentions(in: text).map { m in
      let entry = lexicon.entries[m.entry]
      let why = m.context.isEmpty ? "affirmed" : m.context.sorted { $0.key.rawValue < $1.key.rawValue }
        .map { "\($0.key.rawValue) ('\($0.value)')" }.joined(separator: ", ")
      return "sentence \(m.sentence + 1): '\(m.words)' → \(lexicon.concepts[entry.concept].id) [\(entry.text)]: \(why)"
    }
  }
}
