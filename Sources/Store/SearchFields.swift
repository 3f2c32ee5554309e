import Foundation
import GRDB
import FHIR

extension MessageQuery {
  /// `is:unread`, `is:read`, `is:done`, `from:NAME`, `to:NAME` (a patient's or a colleague's name, in part),
  /// `date:2026-11-01..2026-11-30` (either end may be left out; one day alone is that day). Nil for a term that
  /// is no field word: it is searched as text.
  static func fieldClause(_ term: String) -> (sql: String, args: StatementArguments)? {
    let parts = term.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2, !parts[1].isEmpty else { return nil }
    let value = parts[1]
    let like = "%" + value.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
    /// A party by name: a patient's given and family name, or a practitioner's.
    func party(_ column: String) -> (String, StatementArguments) {
      ("""
        (\(column) IN (SELECT 'Patient/' || id FROM patient WHERE given || ' ' || family LIKE ?) OR \(column) IN \
        (SELECT 'Practitioner/' || id FROM practitioner WHERE name LIKE ?))
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
      let day = { (s: String) in Instant.parse(s + "T00:00:00Z")?.timeIntervalSince1970 }
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
