import Foundation

/// A red flag found in a patient's message, and why it counts: a rule's match, never a diagnosis.
public struct RedFlag: Equatable, Sendable, Codable {
  /// What was found: "chest pain", "fever in a young infant", or a clinic's own phrase.
  public var concept: String
  /// The patient's words it was found in, as written ("weight on my chest"; "fever … 5 week old").
  public var words: String
  /// Why it counts: "now, the patient's own", with "said with doubt: 'I think'" where that was written.
  public var context: String

  public init(concept: String, words: String, context: String) {
    self.concept = concept
    self.words = words
    self.context = context
  }

  /// "chest pain — now, the patient's own; words: 'weight on my chest'"
  public var explanation: String { "\(concept) — \(context); words: '\(words)'" }

  /// As the cache's SQL function returns it: one text, the parts apart by a separator no message holds.
  public var stored: String { [concept, words, context].joined(separator: Self.separator) }

  public init?(stored: String?) {
    guard let parts = stored?.components(separatedBy: Self.separator), parts.count == 3 else { return nil }
    self.init(concept: parts[0], words: parts[1], context: parts[2])
  }

  static let separator = "\u{1F}"
}
