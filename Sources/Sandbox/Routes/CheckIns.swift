import Foundation
import GRDB
import FHIR

extension SandboxServer {
  /// Search by `_id`, `patient`, `questionnaire` (either form), `authored` with prefixes, `_sort` on authored.
  func searchResponses(_ p: SearchParams) -> HTTPResponse {
    var clauses: [String] = []
    var args: StatementArguments = []
    if let id = p["_id"] { clauses.append("id = ?"); args += [id] }
    if let patient = p["patient"] {
      clauses.append("patient = ?"); args += [Reference(reference: patient).id ?? patient]
    }
    if let q = p["questionnaire"] { clauses.append("questionnaire = ?"); args += [Reference(reference: q).id ?? q] }
    for a in p.all("authored") {
      let ops = ["ge": ">=", "le": "<=", "gt": ">", "lt": "<", "eq": "=", "ne": "!="]
      let prefix = String(a.prefix(2))
      let op = ops[prefix] ?? "="
      let value = ops[prefix] == nil ? a : String(a.dropFirst(2))
      guard let date = Instant.parse(value) else { return Reply.badRequest("Invalid authored date '\(a)'") }
      clauses.append("authored \(op) ?"); args += [date.timeIntervalSince1970]
    }
    let order: String
    switch p["_sort"] {
    case "authored": order = "authored"
    case "-authored": order = "authored DESC"
    case "-_id": order = "id DESC"
    case "_id": order = "id"
    default: order = "seq"
    }
    return search(table: "questionnaire_response", type: "QuestionnaireResponse", clauses: clauses, args: args, p,
                  order: order)
  }

  /// Create with the documented rules and messages (reference §7.2): a known questionnaire, `completed`, a
  /// known patient, known linkIds, coded answers that match an option, text answers as `valueString`.
  func createResponse(_ body: Data) -> HTTPResponse {
    guard var r = decodeBody(QuestionnaireResponse.self, body, named: "QuestionnaireResponse") else {
      return Reply.badRequest()
    }
    guard r.status == "completed" else { return Reply.businessRule("QuestionnaireResponse status must be completed") }
    guard let qid = r.questionnaireID,
          let qjson: String = store.value("SELECT json FROM questionnaire WHERE id = ?", [qid]),
          let q = try? JSONValue.parse(qjson).decode(Questionnaire.self) else {
      return Reply.businessRule("Unknown Questionnaire")
    }
    guard let subject = r.subject?.relative, subject.hasPrefix("Patient/"), let patient = r.subject?.id,
          store.value("SELECT COUNT(*) FROM patient WHERE id = ?", [patient]) == 1
    else { return Reply.businessRule("QuestionnaireResponse subject must be a known Patient") }
    let questions = Dictionary((q.item ?? []).map { ($0.linkId, $0) }, uniquingKeysWith: { a, _ in a })
    var seen = Set<String>()
    for item in r.item ?? [] {
      guard seen.insert(item.linkId).inserted else {
        return Reply.businessRule("linkId \(item.linkId) appears more than once")
      }
      guard let question = questions[item.linkId] else { return Reply.businessRule("Unknown linkId \(item.linkId)") }
      if let problem = Self.problem(answering: question, with: item.answer ?? []) {
        return Reply.businessRule(problem)
      }
    }
    let id = UUID().uuidString.lowercased()
    r.id = id
    let authored = r.authored.flatMap(Instant.parse) ?? Date()
    r.authored = Instant.formatMicroseconds(authored)
    do {
      try store.pool.write { db in
        try db.execute(sql: "INSERT INTO questionnaire_response (id, patient, questionnaire, authored, status, json) "
                         + "VALUES (?,?,?,?,?,?)",
                       arguments: [id, patient, qid, authored.timeIntervalSince1970, "completed", try Seed.encode(r)])
      }
    } catch { return Reply.outcome(500, "excepetion", "Internal server error") }
    return created("QuestionnaireResponse", id)
  }

  /// Canvas's update can only set `status` to `entered-in-error`; other changes are ignored.
  func updateResponse(_ id: String, _ body: Data) -> HTTPResponse {
    guard let incoming = decodeBody(QuestionnaireResponse.self, body, named: "QuestionnaireResponse") else {
      return Reply.badRequest()
    }
    guard let json: String = store.value("SELECT json FROM questionnaire_response WHERE id = ?", [id]),
          var stored = try? JSONValue.parse(json).decode(QuestionnaireResponse.self) else {
      return Reply.notFound("QuestionnaireResponse", id)
    }
    if incoming.status == "entered-in-error" {
      stored.status = "entered-in-error"
      try? store.pool.write { db in
        try db.execute(sql: "UPDATE questionnaire_response SET status = ?, json = ? WHERE id = ?",
                       arguments: ["entered-in-error", try Seed.encode(stored), id])
      }
    }
    return Reply.resource(stored)
  }

  /// Canvas's words for answers a question does not take: a choice's answers as codes of its options (one for a
  /// single choice), a text's as one `valueString`; nil when they are fine.
  static func problem(answering question: Questionnaire.Item,
                      with answers: [QuestionnaireResponse.Answer]) -> String? {
    if question.type == "choice" {
      let kind = question.repeats == true ? "MULT" : "SING"
      if kind == "SING", answers.count > 1 { return "Question of type SING is expecting at most one answer" }
      for a in answers {
        guard let coding = a.valueCoding, coding.code != nil else {
          return "Question of type \(kind) expects a valueCoding answer"
        }
        let options = (question.answerOption ?? []).compactMap(\.valueCoding)
        if let system = options.first?.system, coding.system != system {
          return "Question expects answer of code system \(system) but \(coding.system ?? "none") was given"
        }
        let matching = options.filter { $0.code == coding.code }
        if matching.isEmpty { return "Question received an invalid response option code: \(coding.code ?? "")" }
        if matching.count > 1 {
          return "Question received a response option code: \(coding.code ?? "") that belongs to more than one "
            + "option response"
        }
      }
    } else if question.type == "text" {
      if answers.count > 1 { return "Question of type TXT is expecting at most one answer" }
      if answers.contains(where: { $0.valueString == nil }) {
        return "Question of type TXT expects a valueString answer"
      }
    }
    return nil
  }
}
