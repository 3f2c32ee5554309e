import Foundation
import Clinic

/// Finds staff by name as a person types: "sam", "jon" and "sjo" all find Sam Jones; case and accents do not
/// matter; one typo is forgiven in longer queries. Better matches first, the given order (recent picks) breaking ties.
public enum StaffSearch {
  public static func filter(_ staff: [StaffMember], _ query: String) -> [StaffMember] {
    let q = fold(query).filter { !$0.isWhitespace }
    guard !q.isEmpty else { return staff }
    return staff.enumerated()
      .compactMap { i, s in score(q, fold(s.name)).map { (s, $0, i) } }
      .sorted { ($0.1, $0.2) < ($1.1, $1.2) }
      .map(\.0)
  }

  /// Lower is better: 0 a word starts with it, 1 it is inside the name, 2 runs that each start a word
  /// ("sjo" = s… jo…), 4 one typo (or one swap) away from a word or its start. A loose subsequence is no
  /// match: "sam" must not find "Marcus … MD".
  static func score(_ q: String, _ name: String) -> Int? {
    let words = name.split(separator: " ").map(String.init)
    if words.contains(where: { $0.hasPrefix(q) }) { return 0 }
    if name.replacingOccurrences(of: " ", with: "").contains(q) || name.contains(q) { return 1 }
    if isSubsequence(q, wordStartsFirst: words) { return 2 }
    if q.count >= 4,
       words.contains(where: { editDistance(q, String($0.prefix(q.count))) <= 1 || editDistance(q, $0) <= 1 }) {
      return 4
    }
    return nil
  }

  /// "sjo" in "sam jones": the query's letters in order, each run starting at a word.
  static func isSubsequence(_ q: String, wordStartsFirst words: [String]) -> Bool {
    var rest = Substring(q)
    for w in words {
      guard let first = rest.first, w.first == first else { continue }
      var i = w.startIndex
      while let c = rest.first, i < w.endIndex, w[i] == c { rest.removeFirst(); i = w.index(after: i) }
      if rest.isEmpty { return true }
    }
    return rest.isEmpty
  }

  /// Edits between two words, a swap of neighbours counting as one ("jnoes" is one from "jones").
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
      }
    }
    return d[a.count][b.count]
  }

  /// Lower case, accents removed: "Élodie" → "elodie".
  static func fold(_ s: String) -> String {
    s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
  }
}
