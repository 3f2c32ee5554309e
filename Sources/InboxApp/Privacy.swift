/// Privacy mode, for screens in shared rooms: patients as initials, no message text in lists.
enum Privacy {
  /// "Zoë Müller" → "Z. M."; "李小龙" → "李.".
  static func initials(_ name: String) -> String {
    let words = name.split(separator: " ")
    guard !words.isEmpty else { return "—" }
    return words.prefix(3).compactMap { $0.first.map { "\($0)." } }.joined(separator: " ")
  }
}
