import Foundation
import GRDB
import FHIR

/// Task as Canvas keeps it (reference §4.7): only the documented attributes survive a create; an update
/// deletes the omitted `description`, `owner`, `restriction` and `input`, keeps an omitted `extension` and
/// `authoredOn`, and adds every note it carries as a new comment.
extension SandboxServer {
  static let taskStatuses: Set<String> = ["requested", "completed", "cancelled"]
  static let taskAttributes: Set<String> = ["resourceType", "id", "extension", "status", "intent", "description", "for",
                                            "authoredOn", "requester", "owner", "note", "restriction", "input"]
  static let noteAttributes: Set<String> = ["text", "time", "authorReference"]

  /// Canvas requires `requester`, `intent: unknown`, a `status` it knows and a `description` (reference §4.5).
  func validTask(_ t: FHIRTask, creating: Bool) -> String? {
    if t.requester?.relative?.hasPrefix("Practitioner/") != true { return "Task requester must be a Practitioner" }
    if t.intent != "unknown" { return "Task intent must be unknown" }
    if !Self.taskStatuses.contains(t.status ?? "") { return "Task status must be requested, completed or cancelled" }
    if creating && (t.description ?? "").isEmpty { return "Task description is required" }
    return nil
  }

  /// What Canvas keeps of a Task body: its documented attributes, and of each note its text, time and author.
  static func keptTask(_ body: [String: JSONValue], at now: Date) -> [String: JSONValue] {
    var kept = body.filter { taskAttributes.contains($0.key) }
    if case .array(let notes)? = kept["note"] {
      kept["note"] = .array(notes.map { note in
        guard case .object(var n) = note else { return note }
        n = n.filter { noteAttributes.contains($0.key) }
        if n["time"] == nil { n["time"] = .string(Instant.formatMicroseconds(now)) }
        return .object(n)
      })
    }
    return kept
  }

  func createTask(_ body: Data) -> HTTPResponse {
    guard case .object(let fields)? = try? FHIRJSON.decoder.decode(JSONValue.self, from: body),
          let t = decodeBody(FHIRTask.self, body, named: "Task") else { return Reply.badRequest() }
    if let problem = validTask(t, creating: true) { return Reply.businessRule(problem) }
    let id = UUID().uuidString.lowercased()
    let now = Date()
    var kept = Self.keptTask(fields, at: now)
    kept["id"] = .string(id)
    if kept["authoredOn"] == nil { kept["authoredOn"] = .string(Instant.formatMicroseconds(now)) }
    return storeTask(kept, id: id, insert: true, at: now) ?? created("Task", id)
  }

  func updateTask(_ id: String, _ body: Data) -> HTTPResponse {
    guard case .object(let fields)? = try? FHIRJSON.decoder.decode(JSONValue.self, from: body),
          decodeBody(FHIRTask.self, body, named: "Task") != nil else { return Reply.badRequest() }
    guard let stored: String = store.value("SELECT json FROM task WHERE id = ?", [id]),
          case .object(let old) = JSONValue.parse(stored) else { return Reply.notFound("Task", id) }
    let now = Date()
    var merged = Self.keptTask(fields, at: now)
    for key in ["extension", "authoredOn", "status", "intent", "for", "requester"] where merged[key] == nil {
      merged[key] = old[key]
    }
    // Every note in an update is a new comment; the ones already there stay.
    if case .array(let before)? = old["note"] {
      var notes = before
      if case .array(let added)? = merged["note"] { notes += added }
      merged["note"] = .array(notes)
    }
    merged["id"] = .string(id)
    guard let t = try? JSONValue.object(merged).decode(FHIRTask.self) else { return Reply.badRequest() }
    if let problem = validTask(t, creating: false) { return Reply.businessRule(problem) }
    return storeTask(merged, id: id, insert: false, at: now) ?? Reply.resource(JSONValue.object(merged))
  }

  private func storeTask(_ task: [String: JSONValue], id: String, insert: Bool, at now: Date) -> HTTPResponse? {
    let t = try? JSONValue.object(task).decode(FHIRTask.self)
    do {
      let json = String(decoding: try JSONValue.object(task).jsonData(), as: UTF8.self)
      try store.pool.write { db in
        let args: StatementArguments = [t?.owner?.relative, t?.for?.id, t?.status ?? "", now.timeIntervalSince1970,
                                        json, id]
        if insert {
          try db.execute(sql: "INSERT INTO task (owner, patient, status, modified, json, id) VALUES (?,?,?,?,?,?)",
                         arguments: args)
        } else {
          try db.execute(sql: "UPDATE task SET owner = ?, patient = ?, status = ?, modified = ?, json = ? WHERE id = ?",
                         arguments: args)
        }
      }
    } catch { return Reply.outcome(500, "excepetion", "Internal server error") }
    tellOfTask(id, owner: t?.owner?.relative, requester: t?.requester?.relative, at: now)
    return nil
  }

  /// Task search by `_id`, `owner`, `patient` and `requester` (Routed by me). Canvas also documents `description`
  /// and `label`, which clinbox does not use; `status` is not documented, so it is ignored here as there.
  func searchTasks(_ p: SearchParams) -> HTTPResponse {
    var clauses: [String] = []
    var args: StatementArguments = []
    if let id = p["_id"] { clauses.append("id = ?"); args += [id] }
    if let owner = p["owner"] { clauses.append("owner = ?"); args += [owner] }
    if let requester = p["requester"] {
      clauses.append("json_extract(json, '$.requester.reference') = ?")
      args += [requester]
    }
    if let patient = p["patient"] {
      clauses.append("patient = ?")
      args += [Reference(reference: patient).id ?? patient]
    }
    return search(table: "task", type: "Task", clauses: clauses, args: args, p)
  }
}
