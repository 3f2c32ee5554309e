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

  private init(checked template: String) { self.template = template }

  /// nil when the template would not name who took the message.
  public init?(template: String) {
    let trimmed = template.trimmingCharacters(in: .whitespaces)
    guard trimmed.contains(Self.nameSlot) else { return nil }
    self.template = trimmed
  }

  /// The text as it is sent: the prefix with the recorder's name and the time, then what the patient said.
  public func body(recorder: String, at time: Date, timeZone: TimeZone, text: String) -> String {
    let name = recorder.replacingOccurrences(of: "\n", with: " ")
    let filled = template.replacingOccurrences(of: Self.nameSlot, with: name)
      .replacingOccurrences(of: Self.timeSlot, with: Self.stamp(time, timeZone))
    return filled + " " + text
  }

  /// Who took the message whose text opens with this prefix; nil when it does not.
  public func recorder(in text: String) -> String? {
    guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
          let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
          let range = Range(match.range(withName: "name"), in: text) else { return nil }
    let name = text[range].trimmingCharacters(in: .whitespaces)
    return name.isEmpty ? nil : name
  }

  /// The template as a pattern anchored at the text's start: the name a short run without a line break, the time
  /// any short run, the rest as written.
  var pattern: String {
    var out = "^\\s*", rest = Substring(template), namedOnce = false
    while !rest.isEmpty {
      if rest.hasPrefix(Self.nameSlot) {
        out += namedOnce ? "[^\\n]{1,120}?" : "(?<name>[^\\n]{1,120}?)"
        namedOnce = true
        rest = rest.dropFirst(Self.nameSlot.count)
      } else if rest.hasPrefix(Self.timeSlot) {
        out += "[^\\n]{1,60}?"
        rest = rest.dropFirst(Self.timeSlot.count)
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

/// The prefixes a cache recognises: the standard one, and the clinic's own where it has one.
public struct RecordPrefixes: Equatable, Sendable {
  public var own: RecordPrefix
  public init(own: RecordPrefix = .standard) { self.own = own }

  public func recorder(in text: String) -> String? {
    own.recorder(in: text) ?? (own == .standard ? nil : RecordPrefix.standard.recorder(in: text))
  }
}
