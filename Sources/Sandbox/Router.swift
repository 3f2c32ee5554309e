import Foundation
import FHIR
import GRDB

/// Dispatches every request: OAuth at `/auth/token/`, `/metadata`, then `/<Type>[/<id>]` by method.
/// Interactions Canvas does not offer answer 405, unknown types 404 — as Canvas does (reference §3.4, §10).
struct Router: Sendable {
  let api: SandboxServer

  func handleRequest(_ request: HTTPRequest) async -> HTTPResponse {
    let response: HTTPResponse
    do { response = try await answer(request) } catch {
      return Reply.outcome(500, "excepetion", "Internal server error")
    }
    let parts = request.path.split(separator: "/")
    guard parts != ["auth", "token"] else { return response }
    return api.faults.mangle(response, isSearch: request.method == .GET && parts.count == 1 && parts != ["metadata"])
  }

  func answer(_ request: HTTPRequest) async throws -> HTTPResponse {
    let parts = request.path.split(separator: "/").map(String.init)
    if parts == ["auth", "token"] {
      guard request.method == .POST else { return Reply.notSupported() }
      api.faults.recordTokenRequest()
      return api.token(form: String(decoding: request.body, as: UTF8.self))
    }
    api.faults.record(request)
    if let failure = api.faults.injected() { return failure }
    if parts.starts(with: SandboxServer.companionBase) {
      return await api.companion(request, Array(parts.dropFirst(SandboxServer.companionBase.count)))
    }
    if parts.starts(with: ["plugin-io", "ws"]) {
      // A socket the door did not let in: no plugin, or not its key.
      return api.options.companionKey == nil ? Reply.outcome(404, "not-found", "Not found")
        : SandboxServer.companionError(401, "unauthorized", "the key was refused")
    }
    if parts == ["metadata"] { return api.metadata() }
    guard let type = parts.first, SandboxServer.resourceTypes.contains(type) else {
      return Reply.outcome(404, "not-found", "Unknown resource type")
    }
    guard let auth = request.headers[HTTPHeader("Authorization")], auth.hasPrefix("Bearer "),
          api.tokens.isValid(String(auth.dropFirst(7))) else { return Reply.unauthorized() }
    let id = parts.count > 1 ? parts[1] : nil
    if parts.count > 2 { return Reply.notSupported() }
    let params = SearchParams(request)
    let body = request.body

    switch (type, request.method, id) {
    case ("Communication", .GET, nil): return api.searchCommunications(params)
    case ("Communication", .GET, let id?): return api.readCommunication(id)
    case ("Communication", .POST, nil):
      return await api.createCommunication(body, ifNoneExist: request.headers[HTTPHeader("If-None-Exist")])
    case ("Practitioner", .GET, nil): return api.searchPractitioners(params)
    case ("Practitioner", .GET, let id?): return api.readJSON(table: "practitioner", type: type, id: id)
    case ("Patient", .GET, nil): return api.searchPatients(params)
    case ("Patient", .GET, let id?): return api.readJSON(table: "patient", type: type, id: id)
    case ("Questionnaire", .GET, nil): return api.searchQuestionnaires(params)
    case ("Questionnaire", .GET, let id?): return api.readJSON(table: "questionnaire", type: type, id: id)
    case ("QuestionnaireResponse", .GET, nil): return api.searchResponses(params)
    case ("QuestionnaireResponse", .GET, let id?): return api.readJSON(table: "questionnaire_response", type: type,
                                                                       id: id)
    case ("QuestionnaireResponse", .POST, nil): return api.createResponse(body)
    case ("QuestionnaireResponse", .PUT, let id?): return api.updateResponse(id, body)
    case ("Task", .GET, nil): return api.searchTasks(params)
    case ("Task", .GET, let id?): return api.readJSON(table: "task", type: type, id: id)
    case ("Task", .POST, nil): return api.createTask(body)
    case ("Task", .PUT, let id?): return api.updateTask(id, body)
    default: return Reply.notSupported()
    }
  }
}

extension SandboxServer {
  static let resourceTypes: Set<String> = ["Communication", "Practitioner", "Patient", "Questionnaire",
                                           "QuestionnaireResponse", "Task"]

  /// The `Location` of a created resource, in the form the options choose.
  func location(_ type: String, _ id: String) -> String {
    switch options.locationForm {
    case .absoluteWithHistory: return "\(baseURL?.absoluteString ?? "")/\(type)/\(id)/_history/1"
    case .relative: return "/\(type)/\(id)"
    }
  }

  /// 201 with the id only in `Location` and a `null` (or empty) body, as Canvas answers a create.
  func created(_ type: String, _ id: String) -> HTTPResponse {
    Reply.json(201, Data((options.emptyCreateBody ? "" : "null").utf8),
               headers: ["Location": location(type, id), "fumage-correlation-id": UUID().uuidString.lowercased()])
  }

  func readJSON(table: String, type: String, id: String) -> HTTPResponse {
    let json = try? store.pool.read { db in
      try String.fetchOne(db, sql: "SELECT json FROM \(table) WHERE id = ?", arguments: [id])
    }
    guard let json = json ?? nil else { return Reply.notFound(type, id) }
    return Reply.raw(json)
  }

  func decodeBody<T: Decodable>(_ type: T.Type, _ body: Data, named name: String) -> T? {
    guard let raw = try? FHIRJSON.decoder.decode(JSONValue.self, from: body),
          raw["resourceType"]?.stringValue == name else { return nil }
    return try? raw.decode(T.self)
  }
}
