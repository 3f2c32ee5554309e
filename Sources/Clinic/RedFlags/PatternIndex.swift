/// Where a lexicon's entries are found in a sentence. Every patient's message passes through here as it is
/// stored, so each word is looked up once (by itself, and by its first three letters for the entries that end in
/// `*`), never tested against every entry.
struct PatternIndex: Sendable {
  struct Found: Equatable {
    var entry: Int
    var start: Int
    var end: Int
  }

  private let elements: [[Lexicon.Element]]
  /// Each entry under each of its words: (entry, the word's place among its elements).
  private var byWord: [String: [(entry: Int, at: Int)]] = [:]
  private var byPrefix: [String: [(entry: Int, at: Int)]] = [:]
  /// Entries that open with a number (a year, "#1900-2099"), looked at for each number in a text.
  private var byNumber: [(entry: Int, at: Int)] = []
  /// Entries of one long word, found misspelled too ("suicidel"): compared with each long word of a text.
  private var longWords: [(entry: Int, word: [UInt8])] = []
  private let fuzzy: Bool

  init(_ entries: [[Lexicon.Element]], fuzzy: Bool) {
    elements = entries
    self.fuzzy = fuzzy
    for (e, parts) in entries.enumerated() {
      for (i, part) in parts.enumerated() {
        switch part {
        case .word(let w, _): byWord[w, default: []].append((e, i))
        case .prefix(let p): byPrefix[String(p.prefix(3)), default: []].append((e, i))
        case .number: if i == 0 { byNumber.append((e, i)) }
        case .gap: break
        }
      }
      if fuzzy, parts.count == 1, case .word(let w, true) = parts[0], w.utf8.count >= 8 {
        longWords.append((e, Array(w.utf8)))
      }
    }
  }

  /// Every entry found in the sentence, each once at each place it starts.
  func find(in sentence: [ClinicalText.Word]) -> [Found] {
    var found: [Found] = []
    func consider(_ entry: Int, _ anchorAt: Int, _ q: Int) {
      let parts = elements[entry]
      // The entry starts at most this many words before its anchor word.
      var before = 0
      for part in parts[..<anchorAt] { if case .gap(let n) = part { before += n } else { before += 1 } }
      for p in max(0, q - before)...q {
        guard !found.contains(where: { $0.entry == entry && $0.start == p }),
              let end = match(parts, 0, sentence, p, exact: 0) else { continue }
        found.append(Found(entry: entry, start: p, end: end))
      }
    }
    for (q, word) in sentence.enumerated() {
      for (entry, at) in byWord[word.folded] ?? [] { consider(entry, at, q) }
      if word.number != nil { for (entry, at) in byNumber { consider(entry, at, q) } }
      if word.folded.utf8.count >= 3 {
        for (entry, at) in byPrefix[String(word.folded.prefix(3))] ?? [] { consider(entry, at, q) }
      }
      if !longWords.isEmpty && word.folded.utf8.count >= 7 && byWord[word.folded] == nil {
        let bytes = Array(word.folded.utf8)
        for (entry, long) in longWords where Self.oneEdit(bytes, long) != nil {
          found.append(Found(entry: entry, start: q, end: q + 1))
        }
      }
    }
    return found
  }

  /// The end of the match of `parts[i...]` at word `j`, or nil. A misspelt word counts only beside a word matched
  /// as written (`exact` counts those).
  private func match(_ parts: [Lexicon.Element], _ i: Int, _ words: [ClinicalText.Word], _ j: Int,
                     exact: Int) -> Int? {
    if i == parts.count { return exact > 0 ? j : nil }
    if case .gap(let n) = parts[i] {
      for skip in 0...n where j + skip <= words.count {
        if let end = match(parts, i + 1, words, j + skip, exact: exact) { return end }
      }
      return nil
    }
    guard j < words.count else { return nil }
    let word = words[j]
    switch parts[i] {
    case .word(let w, let mayBeMisspelt):
      if word.folded == w { return match(parts, i + 1, words, j + 1, exact: exact + 1) }
      guard fuzzy, mayBeMisspelt, Self.closeEnough(Array(word.folded.utf8), Array(w.utf8)) else { return nil }
      return match(parts, i + 1, words, j + 1, exact: exact)
    case .prefix(let p):
      return word.folded.hasPrefix(p) ? match(parts, i + 1, words, j + 1, exact: exact + 1) : nil
    case .number(let range):
      guard let n = word.number, range.contains(n) else { return nil }
      return match(parts, i + 1, words, j + 1, exact: exact + 1)
    case .gap: return nil
    }
  }

  /// A misspelling of `word`: one letter added, dropped, changed or two swapped for a word of five letters or more;
  /// for a word of four, only two letters swapped ("pian").
  static func closeEnough(_ typed: [UInt8], _ word: [UInt8]) -> Bool {
    guard word.count >= 4, let swapped = oneEdit(typed, word) else { return false }
    return word.count >= 5 || swapped
  }

  /// Whether the two differ by one edit (Damerau); `true` when it is two letters swapped.
  static func oneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool? {
    if a == b { return nil }
    if a.count == b.count {
      let diffs = a.indices.filter { a[$0] != b[$0] }
      if diffs.count == 1 { return false }
      if diffs.count == 2, diffs[1] == diffs[0] + 1, a[diffs[0]] == b[diffs[1]], a[diffs[1]] == b[diffs[0]] {
        return true
      }
      return nil
    }
    let (long, short) = a.count > b.count ? (a, b) : (b, a)
    guard long.count == short.count + 1 else { return nil }
    var i = 0
    while i < short.count && long[i] == short[i] { i += 1 }
    return long[(i + 1)...].elementsEqual(short[i...]) ? false : nil
  }
}
