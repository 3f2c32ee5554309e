import Foundation
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
    var order = options.newestFirst ? "seq DESC" : "seq"
    if options.flavor == .r4 {
      for value in p.all("_lastUpdated") {
        guard let (op, date) = Self.datePrefix(value) else {
          return Reply.badRequest("Invalid _lastUpdated '\(value)'")
        }
        clauses.append("updated \(op) ?"); args += [date.timeIntervalSince1970]
      }
      if p["_sort"] == "_lastUpdated" { order = "updated, seq" }
      if p["_sort"] == "-_lastUpdated" { order = "updated DESC, seq DESC" }
    }
    let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    do {
      let (total, rows) = try store.pool.read { db in
        (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM communication \(whereSQL)", arguments: args) ?? 0,
         try Row.fetchAll(db, sql: "SELECT * FROM communication \(whereSQL) ORDER BY \(order) LIMIT ? OFFSET ?",
                          arguments: args + [p.count, p.offset]))
      }
      return Reply.resource(p.bundle(type: "Communication", total: total, resources: rows.map(communicationJSON)))
    } catch {
      return Reply.outcome(500, "excepetion", "Internal server error")
    }
  }

  func readCommunication(_ id: String) -> HTTPResponse {
    let row = try? store.pool.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM communication WHERE id = ?", arguments: [id])
    }
    guard let row = row ?? nil else { return Reply.notFound("Communication", id) }
    return Reply.resource(communicationJSON(row))
  }

  /// Create with Canvas's rules: one recipient; one Patient and one Practitioner who both exist; a non-empty
  /// `contentString`; `status` forced to `completed`; `sent` defaults to now; `subject` derived.
  /// `ge2026-11-28T10:00:00Z` → (`>=`, the date); FHIR's prefixes, `eq` when there is none.
  static func datePrefix(_ value: String) -> (String, Date)? {
    let ops = ["ge": ">=", "le": "<=", "gt": ">", "lt": "<", "eq": "=", "ne": "!="]
    let prefix = String(value.prefix(2))
    let op = ops[prefix] ?? "="
    guard let date = Instant.parse(ops[prefix] == nil ? value : String(value.dropFirst(2))) else { return nil }
    return (op, date)
  }

  func createCommunication(_ body: Data, ifNoneExist: String? = nil) async -> HTTPResponse {
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
    let patient = String(patientRef.dropFirst("Patient/".count))
    let staff = String(staffRef.dropFirst("Practitioner/".count))
    let sent = c.sent.flatMap(Instant.parse) ?? Date()
    let received = c.received.flatMap(Instant.parse)
    let id = UUID().uuidString.lowercased()
    // Conditional create (r4 flavor): an identifier already on the server returns that message, not a new one.
    let identifier: String? = options.flavor == .r4
      ? c.identifier?.first.flatMap { first in first.value.map { "\(first.system ?? "")|\($0)" } } : nil
    // The match and the insert are one transaction: two tries racing (a client that timed out and sent again while
    // the first was still being stored) find one message, as a server's conditional create promises.
    let condition = options.flavor == .r4 && ifNoneExist?.hasPrefix("identifier=") == true
      ? ifNoneExist.map { String($0.dropFirst("identifier=".count)) } : nil
    let now = Date()
    do {
      let outcome: CreateOutcome = try await store.pool.write { db in
        let match = "SELECT id FROM communication WHERE identifier = ?"
        if let condition, let existing = try String.fetchOne(db, sql: match, arguments: [condition]) {
          return .existing(existing)
        }
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM patient WHERE id = ?", arguments: [patient]) == 0 {
          return .refused("Unknown Patient '\(patient)'")
        }
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM practitioner WHERE id = ?", arguments: [staff]) == 0 {
          return .refused("Unknown Practitioner '\(staff)'")
        }
        try db.execute(sql: """
          INSERT INTO communication (id, patient, sender, recipient, sent, received, status, body, updated, identifier)
          VALUES (?,?,?,?,?,?,?,?,?,?)
          """, arguments: [id, patient, sender, recipient, sent.timeIntervalSince1970,
                           received?.timeIntervalSince1970, "completed", text, now.timeIntervalSince1970, identifier])
        return .created
      }
      switch outcome {
      case .existing(let existing):
        var h = HTTPHeaders()
        h[HTTPHeader("Location")] = location("Communication", existing)
        return HTTPResponse(statusCode: .ok, headers: h, body: Data())
      case .refused(let problem):
        return Reply.businessRule(problem)
      case .created:
        tellOfMessage(id, sender: sender, recipient: recipient, at: now)
      }
    } catch {
      return Reply.outcome(500, "excepetion", "Internal server error")
    }
    if faults.takeDrop() {
      // Committed, then silence: the client cannot tell whether the message exists.
      try? await Task.sleep(nanoseconds: 60_000_000_000)
    }
    return created("Communication", id)
  }

  /// The resource as Canvas returns it from read and search: references with `type`, six-digit instants
  /// (and, in the r4 flavor, `meta.lastUpdated` and the identifier).
  func communicationJSON(_ r: Row) -> JSONValue {
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
    if options.flavor == .r4 {
      let updated = Instant.formatMicroseconds(Date(timeIntervalSince1970: r["updated"]))
      o["meta"] = .object(["lastUpdated": .string(updated)])
      if let ident: String = r["identifier"], let bar = ident.firstIndex(of: "|") {
        let system = String(ident[..<bar]), value = String(ident[ident.index(after: bar)...])
        o["identifier"] = .array([.object(["system": .string(system), "value": .string(value)])])
      }
    }
    return .object(o)
  }
}

/// What a create came to: stored, found already there (conditional create), or refused by a business rule.
enum CreateOutcome {
  case created
  case existing(String)
  case refused(String)
}
