/// How a person's name reads: "Given Family", but family first with no space for names written in Han, Kana
/// or Hangul ("李小龙", "김민준"), as their owners write them.
public enum PersonName {
  public static func display(given: String, family: String) -> String {
    if isEastAsian(family) || isEastAsian(given) { return family + given }
    return [given, family].filter { !$0.isEmpty }.joined(separator: " ")
  }

  /// A patient as lists and threads name them: their name, else "Patient" and the start of their id (a message
  /// may name a patient the cache has no record of).
  public static func patient(given: String?, family: String?, id: PatientID) -> String {
    let n = display(given: given ?? "", family: family ?? "")
    return n.isEmpty ? "Patient \(id.rawValue.prefix(8))" : n
  }

  /// "Priya Raman MD" → "P. Raman": the initial and the next word, which is the family name or close to it (for a
  /// column or a sidebar entry with no room for the whole name).
  public static func short(_ name: String) -> String {
    let parts = name.split(separator: " ")
    guard parts.count >= 2, let first = parts.first?.first else { return name }
    return "\(first). \(parts[1])"
  }

  static func isEastAsian(_ s: String) -> Bool {
    guard let v = s.unicodeScalars.first?.value else { return false }
    return (0x3040...0x30FF).contains(v) || (0x3400...0x9FFF).contains(v) || (0xAC00...0xD7A3).contains(v)
      || (0x1100...0x11FF).contains(v) || (0x20000...0x2FFFD).contains(v)
  }
}
