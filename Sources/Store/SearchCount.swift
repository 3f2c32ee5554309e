import GRDB
import Foundation

extension Store {
  /// How many messages of All a search of words finds, counted in the trigram index alone: the index's own count
  /// of a word in every message of a million is 0.3 s, where testing each of its matches against the view reads
  /// every message's row too. Drafts (the only messages All leaves out) are few and tested one by one. Nil when
  /// the index alone cannot say: another view, a field word, a short word, or a word that is also in a patient's
  /// name (those messages count as well).
  static func indexCount(_ query: MessageQuery, in db: Database) throws -> Int? {
    guard query.view == .all, query.patientID == nil else { return nil }
    let terms = SearchTerms.parse(query.search ?? "")
    guard !terms.isEmpty else { return nil }
    var phrases: [String] = []
    for term in terms {
      let folded = SearchFold.fold(term)
      guard MessageQuery.fieldClause(term) == nil, folded.count >= 3 else { return nil }
      let inNames = try Bool.fetchOne(db, sql: """
        SELECT EXISTS (SELECT 1 FROM patient WHERE clinbox_fold(given || ' ' || family) LIKE ?1 ESCAPE '\\'
                       OR clinbox_fold(family || given) LIKE ?1 ESCAPE '\\')
        """, arguments: [MessageQuery.like(folded)]) ?? true
      if inNames { return nil }
      phrases.append("\"" + folded.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
    }
    let match = phrases.joined(separator: " AND ")
    let found = try Int.fetchOne(db, sql: "SELECT count(*) FROM message_ft WHERE message_ft MATCH ?",
                                 arguments: [match]) ?? 0
    // The index holds drafts (All leaves them out) and lacks the texts still waiting to be indexed: both are few,
    // and tested one by one.
    let (parts, args) = query.searchParts(perRow: true)
    let matches = parts.joined(separator: " AND ")
    let pending = "m.rowid IN (SELECT rowid FROM search_pending)"
    let drafts = try Int.fetchOne(db, sql: """
      SELECT count(*) FROM message m WHERE m.delivery = 'draft' AND NOT \(pending) AND \(matches)
      """, arguments: args) ?? 0
    let waiting = try Int.fetchOne(db, sql: """
      SELECT count(*) FROM message m WHERE \(pending) AND m.delivery IS NOT 'draft' AND \(matches)
      """, arguments: args) ?? 0
    return found - drafts + waiting
  }
}
