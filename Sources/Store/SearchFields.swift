import Foundation
import GRDB
import FHIRMapping

extension MessageQuery {
  /// Every term (a word, or a "quoted phrase"), in any order, in the text or the patient's name, accents and case
  /// folded; field words as notmuch users know them narrow the same way. A term of three characters or more is
  /// looked up in the trigram index — or, `perRow`, tested on each row read (for a walk down a view that stops
  /// at a page of hits).
  func searchParts(perRow: Bool) -> (parts: [String], args: StatementArguments) {
    var parts: [String] = []
    var args: StatementArguments = []
    for term in SearchTerms.parse(search ?? "") {
      if let field = Self.fieldClause(term) {
        parts.append(field.sql)
        args += field.args
        continue
      }
      let folded = SearchFold.fold(term)
      let like = Self.like(folded)
      let names = """
        m.patient_id IN (SELECT id FROM patient WHERE clinbox_fold(given || ' ' || family) LIKE ? ESCAPE '\\' \
        OR clinbox_fold(family || given) LIKE ? ESCAPE '\\')
        """
      if perRow {
        parts.append("(instr(clinbox_fold(m.text), ?) > 0 OR \(names))")
        args += [folded, like, like]
      } else if folded.count >= 3 {
        // The trigram index; the term is quoted so that words like AND or NOT are just words.
        // Texts not indexed yet (`search_pending`) are tested one by one.
        parts.append("""
          (m.rowid IN (SELECT rowid FROM message_ft WHERE message_ft MATCH ?) \
          OR (m.rowid IN (SELECT rowid FROM search_pending) AND instr(clinbox_fold(m.text), ?) > 0) OR \(names))
          """)
        args += ["\"" + folded.replacingOccurrences(of: "\"", with: "\"\"") + "\"", folded, like, like]
      } else {
        parts.append("(clinbox_fold(m.text) LIKE ? ESCAPE '\\' OR \(names))")
        args += [like, like, like]
      }
    }
    return (parts, args)
  }

  /// A LIKE pattern that finds `text` anywhere, its `%` and `_` meant as themselves (escaped with `\`, so every
  /// `LIKE` of a search says `ESCAPE '\'`): a search for "50%" finds "50%", not every message.
  static func like(_ text: String) -> String {
    let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
      .replacingOccurrences(of: "_", with: "\\_")
    return "%" + escaped + "%"
  }

  /// `is:unread`, `is:read`, `is:done`, `from:NAME`, `to:NAME` (a patient's or a colleague's name, in part),
  /// `date:2026-11-01..2026-11-30` (either end may be left out; one day alone is that day). Nil for a term that
  /// is no field word: it is searched as text.
  static func fieldClause(_ term: String) -> (sql: String, args: StatementArguments)? {
    let parts = term.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2, !parts[1].isEmpty else { return nil }
    let value = parts[1]
    let like = Self.like(SearchFold.fold(value))
    /// A party by name: a patient's given and family name, or a practitioner's. (By reference, so that the
    /// indexes on `sender` and `recipient` serve.)
    func party(_ column: String) -> (String, StatementArguments) {
      let patients = "SELECT \(ReferenceSQL.patientReference("id")) FROM patient"
      let staff = "SELECT \(ReferenceSQL.staffReference("id")) FROM practitioner"
      return ("""
        (\(column) IN (\(patients) WHERE clinbox_fold(given || ' ' || family) LIKE ? ESCAPE '\\') \
        OR \(column) IN (\(staff) WHERE clinbox_fold(name) LIKE ? ESCAPE '\\'))
        """, [like, like])
    }
    switch parts[0].lowercased() {
    case "is":
      switch value.lowercased() {
      case "unread": return (unreadSQL, [])
      case "read": return ("NOT \(unreadSQL)", [])
      case "done": return ("m.done_at IS NOT NULL", [])
      default: return nil
      }
    case "from": return party("m.sender")
    case "to": return party("m.recipient")
    case "date":
      let ends = value.components(separatedBy: "..")
      let day = { (s: String) in ServerTime.date(s + "T00:00:00Z")?.timeIntervalSince1970 }
      let start = ends.first.flatMap { $0.isEmpty ? nil : day($0) }
      let stop = (ends.count > 1 ? ends[1] : ends[0]).isEmpty ? nil : day(ends.count > 1 ? ends[1] : ends[0])
      guard start != nil || stop != nil else { return nil }
      var sql: [String] = []
      var args: StatementArguments = []
      if let start { sql.append("m.sent >= ?"); args += [start] }
      if let stop { sql.append("m.sent < ?"); args += [stop + 86_400] }
      return ("(" + sql.joined(separator: " AND ") + ")", args)
    default:
      return nil
    }
  }
}
