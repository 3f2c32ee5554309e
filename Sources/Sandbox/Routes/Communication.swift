import Foundation
import FlyingFox
import GRDB
import FHIR

extension SandboxServer {
  /// Search by `_id`, `patient`, `recipient`, `sender` only — Canvas's complete list (reference §4.2) — in
  /// ingestion order, offset paging. Other parameters are ignored (Canvas's behaviour is undocumented).
  func searchCommunications(_ p: SearchParams) -> HTTPResponse {
    var clauses: [String] = []
    var args: StatementArguments = []
    if let id = p["_id"] { clauses.append("id = ?"); args += [id] }
    if let patient = p["patient"] {
      // Canvas takes `Patient/<key>`; its own Bruno collection also passes a bare key.
      clauses.append("patient = ?"); args += [patient.hasPrefix("Patient/") ? String(patient.dropFirst(8)) : patient]
    }
    if let r = p["recipient"] { clauses.append("recipient = ?"); args += [r] }
    if let s = p["sender"] { clauses.append("sender = ?"); args += [s] }
    let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    do {
      let (total, rows) = try store.pool.read { db in
        (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM communication \(whereSQL)", arguments: args) ?? 0,
         try Row.fetchAll(db, sql: "SELECT * FROM communication \(whereSQL) ORDER BY seq LIMIT ? OFFSET ?",
                          arguments: args + [p.count, p.offset]))
      }
      return Reply.resource(p.bundle(type: "Communication", total: total, resources: rows.map(Self.communicationJSON)))
    } catch {
      return Reply.outcome(500, "excepetion", "Internal server error")
    }
  }

  func readCommunication(_ id: String) -> HTTPResponse {
    let row = try? store.pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM communication WHERE id = ?", arguments: [id]) }
    guard let row = row ?? nil else { return Reply.notFound("Communication", id) }
    return Reply.resource(Self.communicationJSON(row))
  }

  /// Create with Canvas's rules: one recipient; one Patient and one Practitioner who both exist; a non-empty
  /// `contentString`; `status` forced to `completed`; `sent` defaults to now; `subject` derived.
  func createCommunication(_ body: Data) async -> HTTPResponse {
    guard let c = decodeBody(Communication.self, body, named: "Communication") else { return Reply.badRequest() }
    guard let recipients = c.recipient, recipients.count == 1, let recipient = recipients[0].relative else {
      return Reply.businessRule("Communication must have exactly one recipient")
    }
    guard let sender = c.sender?.relative else { return Reply.businessRule("Communication must have a sender") }
    let kinds = Set([Reference(reference: sender).resourceType, Reference(reference: recipient).resourceType])
    guard kinds == ["Patient", "Practitioner"] else {
      return Reply.businessRule("One of sender and recipient must be a Patient and the other a Practitioner")
    }
    let text = c.payload?.first?.contentString ?? ""
    guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      return Reply.businessRule("Communication payload contentString must not be empty")
    }
    let patientRef = sender.hasPrefix("Patient/") ? sender : recipient
    let staffRef = sender.hasPrefix("Practitioner/") ? sender : recipient
    let patient = String(patientRef.dropFirst("Patient/".count)), staff = String(staffRef.dropFirst("Practitioner/".count))
    let sent = c.sent.flatMap(Instant.parse) ?? Date()
    let received = c.received.flatMap(Instant.parse)
    let id = UUID().uuidString.lowercased()
    do {
      let problem: String? = try await store.pool.write { db in
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM patient WHERE id = ?", arguments: [patient]) == 0 {
          return "Unknown Patient '\(patient)'"
        }
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM practitioner WHERE id = ?", arguments: [staff]) == 0 {
          return "Unknown Practitioner '\(staff)'"
        }
        try db.execute(sql: "INSERT INTO communication (id, patient, sender, recipient, sent, received, status, body) VALUES (?,?,?,?,?,?,?,?)",
                       arguments: [id, patient, sender, recipient, sent.timeIntervalSince1970,
                                   received?.timeIntervalSince1970, "completed", text])
        return nil
      }
      if let problem { return Reply.businessRule(problem) }
    } catch {
      return Reply.outcome(500, "excepetion", "Internal server error")
    }
    if faults.takeDrop() {
      // Committed, then silence: the client cannot tell whether the message exists.
      try? await Task.sleep(nanoseconds: 60_000_000_000)
    }
    return created("Communication", id)
  }

  /// The resource as Canvas returns it from read and search: references with `type`, six-digit instants.
  static func communicationJSON(_ r: Row) -> JSONValue {
    func ref(_ s: String) -> JSONValue {
      .object(["reference": .string(s), "type": .string(s.hasPrefix("Patient/") ? "Patient" : "Practitioner")])
    }
    let patient: String = r["patient"]
    var o: [String: JSONValue] = [
      "resourceType": .string("Communication"),
      "id": .string(r["id"]),
      "status": .string(r["status"]),
      "subject": ref("Patient/\(patient)"),
      "sent": .string(Instant.formatMicroseconds(Date(timeIntervalSince1970: r["sent"]))),
      "recipient": .array([ref(r["recipient"])]),
      "sender": ref(r["sender"]),
      "payload": .array([.object(["contentString": .string(r["body"])])]),
    ]
    if let received: Double = r["received"] {
      o["received"] = .string(Instant.formatMicroseconds(Date(timeIntervalSince1970: received)))
    }
    return .object(o)
  }
}
