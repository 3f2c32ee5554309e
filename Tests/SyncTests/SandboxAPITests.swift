import Foundation
import Testing
import FlyingFox
import FHIR
import Sandbox
import Clinic
#if canImport(FoundationNetworking)
import FoundationNetworking
import FlyingSocks
import FHIRMapping
#endif

/// The sandbox answers as Canvas does (reference §3–§7, checklist §10), through the real client.
@Suite struct SandboxAPITests {
  func patientOf(_ sandbox: RunningSandbox) async throws -> PatientID {
    let b = try await sandbox.client.search("Communication", [("recipient", sandbox.me.reference), ("_count", "1")])
    return PatientID(rawValue: try #require(try b.resources(Communication.self, named: "Communication").first?.0.patient?.id))
  }

  /// A raw request, for what the client would never send.
  func raw(_ sandbox: RunningSandbox, _ method: String, _ path: String, body: String? = nil, token: Bool = true) async throws -> (Int, String, [AnyHashable: Any]) {
    var req = URLRequest(url: URL(string: sandbox.url.absoluteString + path)!)
    req.httpMethod = method
    if let body { req.httpBody = Data(body.utf8); req.setValue("application/json", forHTTPHeaderField: "Content-Type") }
    if token {
      let form = "grant_type=client_credentials&client_id=demo&client_secret=demo"
      var t = URLRequest(url: URL(string: sandbox.url.absoluteString + "/auth/token/")!)
      t.httpMethod = "POST"; t.httpBody = Data(form.utf8)
      t.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
      let (d, _) = try await URLSession.shared.data(for: t)
      let tok = try JSONDecoder().decode([String: FHIR.JSONValue].self, from: d)["access_token"]?.stringValue ?? ""
      req.setValue("Bearer \(tok)", forHTTPHeaderField: "Authorization")
    }
    let (data, resp) = try await URLSession.shared.data(for: req)
    let http = resp as! HTTPURLResponse
    return (http.statusCode, String(decoding: data, as: UTF8.self), http.allHeaderFields)
  }

  @Test func createAnswersNullWithTheIdInLocation() async throws {
    let sandbox = try await RunningSandbox.start(messages: 20)
    let patient = try await patientOf(sandbox)
    let body = """
      {"resourceType": "Communication", "status": "unknown", "sent": "2022-04-29T13:30:00.000Z",
       "recipient": [{"reference": "Patient/\(patient)"}], "sender": {"reference": "\(sandbox.me.reference)"},
       "payload": [{"contentString": "Upcoming appointment"}]}
      """
    let (status, text, headers) = try await raw(sandbox, "POST", "/Communication", body: body)
    #expect(status == 201)
    #expect(text == "null")
    let location = try #require(headers["Location"] as? String)
    #expect(location.hasPrefix(sandbox.url.absoluteString + "/Communication/") && location.hasSuffix("/_history/1"))
    let id = try #require(CreatedLocation.id(from: location, type: "Communication"))
    let (c, _) = try await sandbox.client.read(Communication.self, "Communication", id: id)
    #expect(c.status == "completed", "Canvas creates every message as completed")
    #expect(c.subject?.id == patient.rawValue, "subject is derived from the patient party")
    #expect(c.text == "Upcoming appointment")
    await sandbox.stop()
  }

  @Test func clientCreateReadsEitherLocationForm() async throws {
    let sandbox = try await RunningSandbox.start(messages: 20) { $0.locationForm = .relative; $0.emptyCreateBody = true }
    let patient = try await patientOf(sandbox)
    let c = Communication(recipient: [Reference(reference: "Patient/\(patient)")], sender: Reference(reference: sandbox.me.reference), text: "hello")
    let id = try await sandbox.client.create(c, type: "Communication")
    let found = try await sandbox.client.search("Communication", [("_id", id)])
    #expect(found.total == 1)
    let thread = try await total(sandbox.client, [("patient", "Patient/\(patient)")])
    let bare = try await total(sandbox.client, [("patient", patient.rawValue)])
    #expect(thread == bare, "patient= takes Patient/<key> or a bare key")
    await sandbox.stop()
  }

  @Test func createRulesAnswer422() async throws {
    let sandbox = try await RunningSandbox.start(messages: 20)
    let patient = try await patientOf(sandbox)
    func body(_ sender: String, _ recipient: String, _ text: String) -> String {
      #"{"resourceType": "Communication", "status": "unknown", "recipient": [{"reference": "\#(recipient)"}], "sender": {"reference": "\#(sender)"}, "payload": [{"contentString": "\#(text)"}]}"#
    }
    let me = sandbox.me.reference
    #expect(try await raw(sandbox, "POST", "/Communication", body: body(me, me, "hi")).0 == 422)
    #expect(try await raw(sandbox, "POST", "/Communication", body: body("Patient/\(patient)", "Patient/\(patient)", "hi")).0 == 422)
    #expect(try await raw(sandbox, "POST", "/Communication", body: body(me, "Patient/\(patient)", "  ")).0 == 422)
    #expect(try await raw(sandbox, "POST", "/Communication", body: body(me, "Patient/nobody", "hi")).0 == 422)
    let (status, text, _) = try await raw(sandbox, "POST", "/Communication", body: "{not json")
    #expect(status == 400 && text.contains("Bad request"))
    await sandbox.stop()
  }

  @Test func interactionsCanvasDoesNotOfferAre405() async throws {
    let sandbox = try await RunningSandbox.start(messages: 5)
    let (status, text, _) = try await raw(sandbox, "PUT", "/Communication/x", body: "{}")
    #expect(status == 405 && text.contains("not-supported"))
    #expect(try await raw(sandbox, "DELETE", "/Communication/x").0 == 405)
    #expect(try await raw(sandbox, "POST", "/Questionnaire", body: "{}").0 == 405)
    let (nf, nfText, _) = try await raw(sandbox, "GET", "/Communication/does-not-exist")
    #expect(nf == 404 && nfText.contains("Unknown Communication resource 'does-not-exist'"))
    await sandbox.stop()
  }

  @Test func everyRouteNeedsAToken() async throws {
    let sandbox = try await RunningSandbox.start(messages: 5)
    let (status, text, _) = try await raw(sandbox, "GET", "/Communication", token: false)
    #expect(status == 401 && text.contains("Authentication failed"))
    await sandbox.stop()
  }

  @Test func expiredTokenIsRefreshedOnce() async throws {
    let sandbox = try await RunningSandbox.start(messages: 5)
    let client = sandbox.client
    _ = try await client.search("Communication", [])
    _ = try await client.search("Communication", [])
    #expect(sandbox.server.faults.tokenRequests == 1, "a token is reused until it ends")
    sandbox.server.expireTokens()
    let b = try await client.search("Communication", [])
    #expect(b.total == 5)
    #expect(sandbox.server.faults.tokenRequests == 2, "a refused token is replaced once, and the request repeated")
    await sandbox.stop()
  }

  @Test func pagesFollowNextLinksToTheEnd() async throws {
    let sandbox = try await RunningSandbox.start(messages: 25)
    var sizes: [Int] = []
    var ids = Set<String>()
    for try await page in sandbox.client.pages("Communication", [("_count", "10")]) {
      sizes.append(page.entry?.count ?? 0)
      for e in page.entry ?? [] { if let id = e.resource?["id"]?.stringValue { ids.insert(id) } }
    }
    #expect(sizes == [10, 10, 5], "three pages, the last one short")
    #expect(ids.count == 25, "every message once")
    await sandbox.stop()
  }

  @Test func pagingLinksAreRelativeWithOffsets() async throws {
    let sandbox = try await RunningSandbox.start(messages: 25)
    let b = try await sandbox.client.search("Communication", [("_count", "10")])
    #expect(b.total == 25)
    #expect(b.next == "/Communication?_count=10&_offset=10")
    #expect(b.link?.first { $0.relation == "last" }?.url == "/Communication?_count=10&_offset=20")
    let big = try await sandbox.client.search("Communication", [("_count", "1000")])
    #expect(big.entry?.count == 25, "capped at 100, here all 25")
    let none = try await sandbox.client.search("Communication", [("_id", "nothing")])
    #expect(none.total == 0 && (none.link ?? []).isEmpty && (none.entry ?? []).isEmpty)
    await sandbox.stop()
  }

  @Test func practitionerSearchHidesNonSchedulableUnlessAsked() async throws {
    let sandbox = try await RunningSandbox.start(messages: 5)
    let schedulable = try await sandbox.client.search("Practitioner", [("_count", "100")])
    let all = try await sandbox.client.search("Practitioner", [("include-non-schedulable-practitioners", "true"), ("_count", "100")])
    let inactive = try await sandbox.client.search("Practitioner", [("active", "false"), ("include-non-schedulable-practitioners", "true")])
    #expect((schedulable.total ?? 0) > 0)
    #expect((all.total ?? 0) > (schedulable.total ?? 0))
    #expect(inactive.total == 1)
    let sam = try await sandbox.client.search("Practitioner", [("name", "sam")])
    let names = try sam.resources(Practitioner.self, named: "Practitioner").map(\.0.displayName)
    #expect(names == ["Samantha Jones RN"])
    await sandbox.stop()
  }

  @Test func checkInResponsesAreValidatedLikeCanvas() async throws {
    let sandbox = try await RunningSandbox.start(messages: 20)
    let patient = try await patientOf(sandbox)
    let forms = try await sandbox.client.search("Questionnaire", [])
    let q = try #require(try forms.resources(Questionnaire.self, named: "Questionnaire").first?.0)
    let item = try #require(q.item?.first)
    let option = try #require(item.answerOption?.first?.valueCoding)
    func response(_ coding: Coding) -> QuestionnaireResponse {
      QuestionnaireResponse(questionnaire: "Questionnaire/\(q.id!)", subject: Reference(reference: "Patient/\(patient)"),
                            authored: nil, author: Reference(reference: "Patient/\(patient)"),
                            item: [.init(linkId: item.linkId, answer: [.init(valueCoding: coding)])])
    }
    let id = try await sandbox.client.create(response(option), type: "QuestionnaireResponse")
    let saved = try await sandbox.client.search("QuestionnaireResponse", [("_id", id)])
    #expect(saved.total == 1)
    await #expect { _ = try await sandbox.client.create(response(Coding(system: option.system, code: "nope", display: "x")), type: "QuestionnaireResponse") }
      throws: { "\($0)".contains("Question received an invalid response option code: nope") }
    await sandbox.stop()
  }

  @Test func tasksNeedCanvasRequiredFields() async throws {
    let sandbox = try await RunningSandbox.start(messages: 5)
    let ok = FHIRTask(status: "requested", description: "Please call the patient back", for: nil, focus: nil,
                      owner: Reference(reference: sandbox.me.reference), requester: Reference(reference: sandbox.me.reference))
    let id = try await sandbox.client.create(ok, type: "Task")
    let (t, _) = try await sandbox.client.read(FHIRTask.self, "Task", id: id)
    #expect(t.description == "Please call the patient back")
    var bad = ok
    bad.intent = "order"
    await #expect { _ = try await sandbox.client.create(bad, type: "Task") } throws: { "\($0)".contains("intent") }
    await sandbox.stop()
  }

  @Test func htmlErrorPageIsAClearErrorNotACrash() async throws {
    // A misconfigured host answers an HTML 404 page (reference §1, S31).
    let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
    await server.appendRoute("*") { _ in
      HTTPResponse(statusCode: .notFound, headers: [HTTPHeader("Content-Type"): "text/html"], body: Data("<html><body>Not Found</body></html>".utf8))
    }
    let task = Task { try await server.run() }
    try await server.waitUntilListening()
    guard case .ip4(_, let port)? = await server.listeningAddress else { Issue.record("no port"); return }
    let client = FHIRClient(server: URL(string: "http://127.0.0.1:\(port)")!, credentials: .none, timeout: 5)
    await #expect { _ = try await client.search("Communication", []) } throws: { e in
      guard case FHIRError.notFHIR(404, let type) = e else { return false }
      return type == "text/html" && "\(e)".contains("is the server URL right?")
    }
    await server.stop(timeout: 1)
    task.cancel()
  }
}
