import Foundation

/// What `/` was given, as the terms each message must match: words in any order, a "quoted phrase" as one term.
/// An unclosed quote runs to the end; a query of nothing but quotes is searched for as it was typed.
public enum SearchTerms {
  public static func parse(_ typed: String) -> [String] {
    // Control and invisible characters are not searched for: a query of nothing else is no query.
    let text = String(String.UnicodeScalarView(typed.unicodeScalars.filter { !PlainText.isHidden($0) }))
    var terms: [String] = []
    var current = ""
    var quoted = false
    func flush() {
      let t = current.trimmingCharacters(in: .whitespaces)
      if !t.isEmpty { terms.append(t) }
      current = ""
    }
    for ch in text {
      if ch == "\"" {
        flush()
        quoted.toggle()
      } else if ch.isWhitespace && !quoted {
        flush()
      } else {
        current.append(ch)
      }
    }
    flush()
    let whole = text.trimmingCharacters(in: .whitespaces)
    return terms.isEmpty && !whole.isEmpty ? [whole] : terms
  }
}
