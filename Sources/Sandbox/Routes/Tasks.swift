import Foundation
import FlyingFox
import GRDB
import FHIR

extension SandboxServer {
  static let taskStatuses: Set<String> = ["requested", "completed", "cancelled"]

  /// Canvas requires `requester`, `intent: unknown`, a `status` it knows and a `description` (reference §4.5).
  func validTask(_ t: FHIRTask) -> String? {
    if t.requester?.relative?.hasPrefix("Practitioner/") != true { return "Task requester must be a Practitioner" }
    if t.intent != "unknown" { return "Task intent must be unknown" }
    if !Self.taskStatuses.contains(t.status ?? "") { return "Task status must be requested, completed or cancelled" }
    if (t.description ?? "").isEmpty { return "Task description is required" }
    return nil
  }

  func createTask(_ body: Data) -> HTTPResponse {
    guard var t = decodeBody(FHIRTask.self, body, named: "Task") else { return Reply.badRequest() }
    if let problem = validTask(t) { return Reply.businessRule(problem) }
    let id = UUID().uuidString.lowercased()
    t.id = id
    t.authoredOn = t.authoredOn ?? Instant.formatMicroseconds(Date())
    return storeTask(t, id: id, insert: true) ?? created("Task", id)
  }

  func updateTask(_ id: String, _ body: Data) -> HTTPResponse {
    guard var t = decodeBody(FHIRTask.self, body, named: "Task") else { return Reply.badRequest() }
    let exists = (try? store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM task WHERE id = ?", arguments: [id]) }) ?? 0
    guard exists == 1 else { return Reply.notFound("Task", id) }
    if let problem = validTask(t) { return Reply.businessRule(problem) }
    t.id = id
    return storeTask(t, id: id, insert: false) ?? Reply.resource(t)
  }

  private func storeTask(_ task: FHIRTask, id: String, insert: Bool) -> HTTPResponse? {
    var t = task
    let now = Date()
    t.lastModified = Instant.formatMicroseconds(now)
    do {
      try store.pool.write { db in
        let args: StatementArguments = [t.owner?.relative, t.for?.id, t.status ?? "", now.timeIntervalSince1970, try Seed.encode(t), id]
        if insert {
          try db.execute(sql: "INSERT INTO task (owner, patient, status, modified, json, id) VALUES (?,?,?,?,?,?)", arguments: args)
        } else {
          try db.execute(sql: "UPDATE task SET owner = ?, patient = ?, status = ?, modified = ?, json = ? WHERE id = ?", arguments: args)
        }
      }
    } catch { return Reply.outcome(500, "excepetion", "Internal server error") }
    return nil
  }

  func searchTasks(_ p: SearchParams) -> HTTPResponse {
    var clauses: [String] = []
    var args: StatementArguments = []
    if let id = p["_id"] { clauses.append("id = ?"); args += [id] }
    if let owner = p["owner"] { clauses.append("owner = ?"); args += [owner] }
    if let patient = p["patient"] { clauses.append("patient = ?"); args += [Reference(reference: patient).id ?? patient] }
    if let status = p["status"] { clauses.append("status = ?"); args += [status] }
    return search(table: "task", type: "Task", clauses: clauses, args: args, p)
  }
}
