/// Red-flag concepts as a lexicon file writes them (the shipped ones are in `Sources/Clinic/Lexicon/`; a clinic's
/// own `red_flags` and `red_flag_files` use the same form, or bare phrases):
///
///     source: Schmitt-Thompson adult telephone protocols, "Chest Pain"   (for the entries after it)
///     concept chest-pain: chest pain        a concept, urgent on its own
///     pain ~4 chest                         an entry: up to 4 other words between
///     concept fever: fever
///     only with infant-age: fever in a young infant     urgent only beside that modifier
///     modifier infant-age: a young infant   never a flag itself; `past counts` and `same sentence` may follow
///     #1-12 week* old                       a number from 1 to 12; a word beginning `week`
///     =overdose                             this word as written, never a misspelling of it
///
/// A bare phrase outside any concept is a concept of its own, named by its text.
import Foundation

struct Lexicon: Equatable, Sendable {
  enum Element: Equatable, Sendable {
    case word(String, fuzzy: Bool)
    case prefix(String)
    case number(ClosedRange<Int>)
    case gap(Int)
  }

  struct Entry: Equatable, Sendable {
    var text: String
    var elements: [Element]
    var source: String?
    /// The concept (or modifier) it belongs to, by index.
    var concept: Int
  }

  struct Concept: Equatable, Sendable {
    var id: String
    var label: String
    var isModifier = false
    /// For a concept urgent only beside a modifier: the modifier's id and what the pair is called.
    var onlyWith: [(modifier: String, label: String)] = []
    /// A modifier that holds when told in the past ("I had a stent put in").
    var pastCounts = false
    /// A modifier that counts only in its concept's sentence ("sudden" for a headache).
    var sameSentence = false

    static func == (a: Concept, b: Concept) -> Bool {
      a.id == b.id && a.label == b.label && a.isModifier == b.isModifier && a.pastCounts == b.pastCounts
        && a.sameSentence == b.sameSentence && a.onlyWith.map(\.modifier) == b.onlyWith.map(\.modifier)
        && a.onlyWith.map(\.label) == b.onlyWith.map(\.label)
    }
  }

  var concepts: [Concept] = []
  var entries: [Entry] = []

  init(_ text: String) {
    var source: String?
    var current: Int?
    for raw in text.split(whereSeparator: \.isNewline) {
      let full = Self.withoutComment(raw)
      if full.isEmpty { continue }
      if full.hasPrefix("source:") {
        source = String(full.dropFirst("source:".count)).trimmingCharacters(in: .whitespaces)
      } else if let (id, label) = Self.header(full, "concept ") {
        current = concept(id, label)
      } else if let (id, label) = Self.header(full, "modifier ") {
        current = concept(id, label)
        concepts[current!].isModifier = true
      } else if let (id, label) = Self.header(full, "only with "), let c = current {
        concepts[c].onlyWith.append((id, label))
      } else if full == "past counts", let c = current {
        concepts[c].pastCounts = true
      } else if full == "same sentence", let c = current {
        concepts[c].sameSentence = true
      } else {
        let pattern = full
        let elements = Self.elements(pattern)
        guard elements.contains(where: { if case .gap = $0 { false } else { true } }) else { continue }
        let owner = current ?? concept(pattern, pattern)
        guard !entries.contains(where: { $0.concept == owner && $0.elements == elements }) else { continue }
        entries.append(Entry(text: pattern, elements: elements, source: source, concept: owner))
      }
    }
  }

  /// A line without its comment: `#` starts one unless a digit follows (`#1-12`, a number).
  static func withoutComment(_ line: Substring) -> String {
    var end = line.endIndex
    var i = line.startIndex
    while i < line.endIndex {
      let next = line.index(after: i)
      if line[i] == "#" && !(next < line.endIndex && line[next].isNumber) { end = i; break }
      i = next
    }
    return line[..<end].trimmingCharacters(in: .whitespaces)
  }

  /// The concept with this id, added when new.
  private mutating func concept(_ id: String, _ label: String) -> Int {
    if let i = concepts.firstIndex(where: { $0.id == id }) { return i }
    concepts.append(Concept(id: id, label: label))
    return concepts.count - 1
  }

  /// `concept chest-pain: chest pain` → ("chest-pain", "chest pain").
  static func header(_ line: String, _ keyword: String) -> (String, String)? {
    guard line.hasPrefix(keyword), let colon = line.firstIndex(of: ":") else { return nil }
    let id = line[line.index(line.startIndex, offsetBy: keyword.count)..<colon].trimmingCharacters(in: .whitespaces)
    let label = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    guard !id.isEmpty, !id.contains(" ") else { return nil }
    return (id, label.isEmpty ? id : label)
  }

  static func elements(_ pattern: String) -> [Element] {
    var out: [Element] = []
    for token in pattern.split(whereSeparator: \.isWhitespace) {
      if token.hasPrefix("~"), let n = Int(token.dropFirst()), n > 0 {
        out.append(.gap(min(n, 8)))
      } else if token.hasPrefix("#"), let range = numberRange(token.dropFirst()) {
        out.append(.number(range))
      } else {
        let exact = token.hasPrefix("=")
        // Each part of a word a sentence would split ("epi-pen", "can't") as the sentence's words fold.
        let body = exact ? token.dropFirst() : token[...]
        let star = body.hasSuffix("*")
        let words = ClinicalText(String(star ? body.dropLast() : body)).sentences.flatMap(\.self).map(\.folded)
        for (i, w) in words.enumerated() {
          if star && i == words.count - 1 { out.append(.prefix(w)) } else { out.append(.word(w, fuzzy: !exact)) }
        }
      }
    }
    while case .gap = out.first { out.removeFirst() }
    while case .gap = out.last { out.removeLast() }
    return out
  }

  /// `1-12` or `3`.
  static func numberRange(_ s: Substring) -> ClosedRange<Int>? {
    let parts = s.split(separator: "-", maxSplits: 1)
    guard let low = parts.first.flatMap({ Int($0) }) else { return nil }
    let high = parts.count == 2 ? Int(parts[1]) : low
    guard let high, high >= low else { return nil }
    return low...high
  }
}

extension Lexicon {
  /// This lexicon and another's concepts: a concept of the same id gains the other's entries.
  func adding(_ other: Lexicon) -> Lexicon {
    var out = self
    for entry in other.entries {
      let concept = other.concepts[entry.concept]
      let owner = out.concepts.firstIndex { $0.id == concept.id } ?? {
        out.concepts.append(concept)
        return out.concepts.count - 1
      }()
      guard !out.entries.contains(where: { $0.concept == owner && $0.elements == entry.elements }) else { continue }
      var added = entry
      added.concept = owner
      out.entries.append(added)
    }
    return out
  }
}
