import Foundation
import FHIR

extension SandboxServer {
  /// OAuth2 client credentials, as Canvas's `/auth/token/`: a form body in, a 10-hour bearer token out.
  /// Canvas does not document the error body; `{"error": "invalid_client"}` follows RFC 6749.
  func token(form: String) -> HTTPResponse {
    var fields: [String: String] = [:]
    for pair in form.split(separator: "&") {
      let kv = pair.split(separator: "=", maxSplits: 1).map {
        String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
      }
      if kv.count == 2 { fields[kv[0]] = kv[1] }
    }
    guard fields["grant_type"] == "client_credentials" else {
      return Reply.json(400, Data(#"{"error": "unsupported_grant_type"}"#.utf8))
    }
    guard fields["client_id"] == options.clientID, fields["client_secret"] == options.clientSecret else {
      return Reply.json(401, Data(#"{"error": "invalid_client"}"#.utf8))
    }
    let token = tokens.issue(lifetime: options.tokenLifetime)
    let scope = "system/Communication.* system/Patient.read system/Practitioner.read system/Questionnaire.read "
      + "system/QuestionnaireResponse.* system/Task.*"
    let body = #"{"access_token": "\#(token)", "expires_in": \#(Int(options.tokenLifetime)), "token_type": "Bearer", "#
      + #""scope": "\#(scope)"}"#
    var h = HTTPHeaders()
    h[HTTPHeader("Content-Type")] = "application/json"
    return HTTPResponse(statusCode: .ok, headers: h, body: Data(body.utf8))
  }

  /// The CapabilityStatement: what this sandbox offers, with Canvas's interactions and search parameters.
  func metadata() -> HTTPResponse {
    Reply.resource(CapabilityStatement(software: "clinbox sandbox (Canvas-compatible)", resources: [
      options.flavor == .canvas
        ? .init(type: "Communication", interaction: ["read", "create", "search-type"],
                searchParam: ["_id", "patient", "recipient", "sender"])
        : .init(type: "Communication", interaction: ["read", "create", "search-type"],
                searchParam: ["_id", "patient", "recipient", "sender", "_lastUpdated", "_sort"],
                conditionalCreate: true),
      .init(type: "Patient", interaction: ["read", "search-type"],
            searchParam: ["_id", "name", "family", "given", "birthdate"]),
      .init(type: "Practitioner", interaction: ["read", "search-type"],
            searchParam: ["_id", "name", "email", "active", "npi-number", "include-non-schedulable-practitioners"]),
      .init(type: "Questionnaire", interaction: ["read", "search-type"], searchParam: ["_id", "name", "status"]),
      .init(type: "QuestionnaireResponse", interaction: ["read", "create", "update", "search-type"],
            searchParam: ["_id", "patient", "questionnaire", "authored"]),
      .init(type: "Task", interaction: ["read", "create", "update", "search-type"],
            searchParam: ["_id", "owner", "patient", "requester", "status"]),
    ]))
  }
}
