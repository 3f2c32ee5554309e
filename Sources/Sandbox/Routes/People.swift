import Foundation
import GRDB
import FHIR

extension SandboxServer {
  /// Canvas returns only active, schedulable staff unless `include-non-schedulable-practitioners=true`
  /// (and `active=false` for those who left). `name` matches part of the name, any case (reference §5).
  func searchPractitioners(_ p: SearchParams) -> HTTPResponse {
    var clauses: [String] = []
    var args: StatementArguments = []
    // `active` is true or false, any case; without it only active staff (Canvas documents no other value).
    let active = p["active"]?.lowercased()
    if active == "false" { clauses.append("active = 0") } else { clauses.append("active = 1") }
    if p["include-non-schedulable-practitioners"]?.lowercased() != "true" { clauses.append("schedulable = 1") }
    if let id = p["_id"] { clauses.append("id = ?"); args += [id] }
    if let name = p["name"] { clauses.append("name LIKE ?"); args += ["%\(name)%"] }
    if let email = p["email"] { clauses.append("email = ?"); args += [email] }
    if let npi = p["npi-number"] ?? p["npiNumber"] { clauses.append("npi = ?"); args += [npi] }
    return search(table: "practitioner", type: "Practitioner", clauses: clauses, args: args, p)
  }

  /// Active and inactive patients alike by default; `_id`, `name`, `family`, `given`, `birthdate`.
  func searchPatients(_ p: SearchParams) -> HTTPResponse {
    var clauses: [String] = []
    var args: StatementArguments = []
    if let id = p["_id"] { clauses.append("id = ?"); args += [id] }
    if let name = p["name"] { clauses.append("name LIKE ?"); args += ["%\(name)%"] }
    if let family = p["family"] { clauses.append("family LIKE ?"); args += ["\(family)%"] }
    if let given = p["given"] { clauses.append("given LIKE ?"); args += ["\(given)%"] }
    if let birth = p["birthdate"] {
      clauses.append("birthdate = ?")
      args += [birth.hasPrefix("eq") ? String(birth.dropFirst(2)) : birth]
    }
    return search(table: "patient", type: "Patient", clauses: clauses, args: args, p)
  }

  func searchQuestionnaires(_ p: SearchParams) -> HTTPResponse {
    var clauses: [String] = []
    var args: StatementArguments = []
    if let id = p["_id"] { clauses.append("id = ?"); args += [id] }
    if let name = p["name"] { clauses.append("name LIKE ?"); args += ["%\(name)%"] }
    if let status = p["status"] { clauses.append("status = ?"); args += [status] }
    return search(table: "questionnaire", type: "Questionnaire", clauses: clauses, args: args, p)
  }

  /// A paged search over a table of stored JSON resources, in `seq` order.
  func search(table: String, type: String, clauses: [String], args: StatementArguments, _ p: SearchParams,
              order: String = "seq") -> HTTPResponse {
    let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    do {
      let (total, rows) = try store.pool.read { db in
        (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) \(whereSQL)", arguments: args) ?? 0,
         try String.fetchAll(db, sql: "SELECT json FROM \(table) \(whereSQL) ORDER BY \(order) LIMIT ? OFFSET ?",
                             arguments: args + [p.count, p.offset]))
      }
      return Reply.resource(p.bundle(type: type, total: total, resources: rows.map(JSONValue.parse)))
    } catch {
      return Reply.outcome(500, "excepetion", "Internal server error")
    }
  }
}
