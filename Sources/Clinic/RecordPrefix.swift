import Foundation

/// The words that open a patient's message taken by phone: who took it and when, on the server's copy, so that the
/// colleague it is for, Canvas and every other clinbox read it as recorded by that person, not as the patient's own
/// writing. FHIR's Communication has no field Canvas keeps for it (reference §4.3), so it lives in the text.
///
/// A clinic may change the wording (`record_prefix`), never drop the name: a template without `{name}` is refused.
public struct RecordPrefix: Equatable, Sendable {
  public static let nameSlot = "{name}"
  public static let timeSlot = "{time}"
  /// "Phone message taken by Priya Raman MD, 2026-12-03 09:14 UTC: …"
  public static let standard = RecordPrefix(checked: "Phone message taken by {name}, {time}:")

  public let template: String
  /// The template as a pattern, compiled once and only when a text opens with `lead`: the cache asks it of every
  /// patient's message a sync stores, and compiling it (ICU's first pattern) costs every command's start a
  /// millisecond.
  private let regex: CompiledOnce
  /// The words before the first blank: a text that does not open with them is no recording, without the pattern.
  private let lead: String

  private init(checked template: String) {
    self.template = template
    regex = CompiledOnce(pattern: Self.pattern(template))
    let firstSlot = [Self.nameSlot, Self.timeSlot].compactMap { template.range(of: $0)?.lowerBound }.min()
    lead = String(template[..<(firstSlot ?? template.endIndex)])
  }

  /// nil when the template would not name who took the message.
  public init?(template: String) {
    let trimmed = template.trimmingCharacters(in: .whitespaces)
    guard trimmed.contains(Self.nameSlot) else { return nil }
    self.init(checked: trimmed)
  }

  public static func == (a: RecordPrefix, b: RecordPrefix) -> Bool { a.template == b.template }

  /// The text as it is sent: the prefix with the recorder's name and the time, then what the patient said.
  public func body(recorder: String, at time: Date, timeZone: TimeZone, text: String) -> String {
    let name = recorder.replacingOccurrences(of: "\n", with: " ")
    let filled = template.replacingOccurrences(of: Self.nameSlot, with: name)
      .replacingOccurrences(of: Self.timeSlot, with: Self.stamp(time, timeZone))
    return filled + " " + text
  }

  /// Who took the message whose text opens with this prefix; nil when it does not.
  public func recorder(in text: String) -> String? {
    guard let match = match(text), let range = Range(match.range(withName: "name"), in: text) else { return nil }
    let name = text[range].trimmingCharacters(in: .whitespaces)
    return name.isEmpty ? nil : name
  }

  /// What the patient said, after this prefix; nil when the text does not open with it.
  public func spoken(in text: String) -> Substring? {
    guard let match = match(text), let range = Range(match.range, in: text) else { return nil }
    return text[range.upperBound...]
  }

  /// The prefix in the text; a text that does not open with its first words is no recording, without the pattern.
  private func match(_ text: String) -> NSTextCheckingResult? {
    guard text.drop(while: \.isWhitespace).hasPrefix(lead), let regex = regex.expression else { return nil }
    return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
  }

  /// A template as a pattern anchored at the text's start: the name a short run without a line break, the time
  /// any short run, the rest as written.
  static func pattern(_ template: String) -> String {
    var out = "^\\s*", rest = Substring(template), namedOnce = false
    while !rest.isEmpty {
      if rest.hasPrefix(nameSlot) {
        out += namedOnce ? "[^\\n]{1,120}?" : "(?<name>[^\\n]{1,120}?)"
        namedOnce = true
        rest = rest.dropFirst(nameSlot.count)
      } else if rest.hasPrefix(timeSlot) {
        out += "[^\\n]{1,60}?"
        rest = rest.dropFirst(timeSlot.count)
      } else {
        out += NSRegularExpression.escapedPattern(for: String(rest.first!))
        rest = rest.dropFirst()
      }
    }
    return out + "(\\s|$)"
  }

  static func stamp(_ time: Date, _ timeZone: TimeZone) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = timeZone
    f.dateFormat = "yyyy-MM-dd HH:mm zzz"
    return f.string(from: time)
  }
}

/// A pattern compiled the first time it is asked for.
private final class CompiledOnce: @unchecked Sendable {   // `compiled` is read and written under `lock` only
  let pattern: String
  private let lock = NSLock()
  private var compiled: NSRegularExpression??

  init(pattern: String) { self.pattern = pattern }

  var expression: NSRegularExpression? {
    lock.withLock {
      if let compiled { return compiled }
      let made = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
      compiled = .some(made)
      return made
    }
  }
}

/// The prefixes a cache recognises: the standard one, and the clinic's own where it has one.
public struct RecordPrefixes: Equatable, Sendable {
  public var own: RecordPrefix
  public init(own: RecordPrefix = .standard) { self.own = own }

  public func recorder(in text: String) -> String? { first { $0.recorder(in: text) } }

  /// A text without the words that say who took it by phone: a red flag is looked for in the patient's words only
  /// (the prefix's date would read as a past).
  public func spoken(in text: String) -> String { first { $0.spoken(in: text) }.map(String.init) ?? text }

  /// The clinic's own prefix's answer, else the standard one's.
  private func first<T>(_ ask: (RecordPrefix) -> T?) -> T? {
    ask(own) ?? (own == .standard ? nil : ask(.standard))
  }
}
