import Foundation
import Testing
import FHIR
import NIOHTTP1
import Sandbox
import Clinic
import FHIRMapping
@testable import Sync

/// The sandbox serves the companion's changes feed and read write-back as the plugin does (companion-api.md): the
/// same rules the plugin's own tests check on Canvas's SDK, here over the sandbox's data and real HTTP.
@Suite struct SandboxCompanionTests {
  func call(_ sandbox: RunningSandbox, _ method: HTTPMethod, _ path: String, body: String? = nil,
            key: String = "demo") async throws -> (Int, JSONValue) {
    let url = URL(string: CompanionClient.base(forFHIR: sandbox.url).absoluteString + path)!
    let answer = try await HTTPTransport.shared.send(method, url, headers: [("Authorization", key)],
                                                     body: body.map { Data($0.utf8) }, timeout: 10)
    return (answer.status, (try? JSONParser.parse(Array(answer.body))) ?? .null)
  }

  func feed(_ sandbox: RunningSandbox, staff: String, limit: Int) async throws -> [JSONValue] {
    var out: [JSONValue] = [], since: String?
    for _ in 0..<200 {
      let q = "/v1/changes?staff=\(staff)&limit=\(limit)" + (since.map { "&since=\($0)" } ?? "")
      let (status, page) = try await call(sandbox, .GET, q)
      #expect(status == 200)
      guard case .array(let changes)? = page["changes"] else { Issue.record("no changes in \(page)"); return out }
      out += changes
      since = page["next"]?.stringValue?.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
      if page["more"] != .bool(true) { return out }
    }
    Issue.record("the feed never ended")
    return out
  }

  @Test func theFeedPagesAStaffMembersPatientMessagesOldestFirstAndLosesNothing() async throws {
    let sandbox = try await RunningSandbox.start(messages: 60)
    let whole = try await feed(sandbox, staff: sandbox.me.rawValue, limit: 500)
    #expect(whole.count > 10)
    let paged = try await feed(sandbox, staff: sandbox.me.rawValue, limit: 7)
    #expect(paged == whole, "pages of 7 give the same changes in the same order")
    let times = whole.compactMap { $0["modified"]?.stringValue }
    #expect(times == times.sorted() && times.count == whole.count)
    let mine = try await total(sandbox.client, [("recipient", sandbox.me.reference)])
      + total(sandbox.client, [("sender", sandbox.me.reference)])
    #expect(whole.filter { $0["type"]?.stringValue == "message" }.count == mine,
            "every message to or from them, none of a colleague's")
    await sandbox.stop()
  }

  @Test func aReadWrittenBackIsTheRecipientsOnlyAndComesThroughTheFeed() async throws {
    let sandbox = try await RunningSandbox.start(messages: 30)
    let id = try await newPatientMessage(sandbox, text: "Is my lab back?")
    let (s0, start) = try await call(sandbox, .GET, "/v1/changes?staff=\(sandbox.me.rawValue)&limit=500")
    #expect(s0 == 200)
    let cursor = start["next"]?.stringValue?.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    let (forbidden, no) = try await call(sandbox, .PUT, "/v1/messages/\(id.rawValue)/read",
                                         body: #"{"read": true, "staff": "someone-else"}"#)
    #expect(forbidden == 403 && no["error"]?.stringValue == "forbidden")
    let (ok, set) = try await call(sandbox, .PUT, "/v1/messages/\(id.rawValue)/read",
                                   body: #"{"read": true, "staff": "\#(sandbox.me.rawValue)"}"#)
    let read = try #require(set["read"]?.stringValue)
    #expect(ok == 200 && read.hasSuffix("Z"))
    let (again, same) = try await call(sandbox, .PUT, "/v1/messages/\(id.rawValue)/read",
                                       body: #"{"read": true, "staff": "\#(sandbox.me.rawValue)"}"#)
    #expect(again == 200 && same["read"]?.stringValue == read, "setting what is set answers the time kept")
    let (_, after) = try await call(sandbox, .GET, "/v1/changes?staff=\(sandbox.me.rawValue)&since=\(cursor)")
    guard case .array(let changes)? = after["changes"] else { Issue.record("\(after)"); return }
    #expect(changes.map { $0["id"]?.stringValue } == [id.rawValue] && changes.first?["read"]?.stringValue == read)
    let (_, fhir) = try await sandbox.client.read(Communication.self, "Communication", id: id.rawValue)
    #expect(fhir["received"]?.stringValue != nil, "Canvas's received: read on the server for every clinbox")
    #expect(try await call(sandbox, .PUT, "/v1/messages/nope/read", body: #"{"read": true, "staff": "x"}"#).0 == 404)
    #expect(try await call(sandbox, .PUT, "/v1/messages/\(id.rawValue)/read", body: "{").0 == 400)
    #expect(try await call(sandbox, .GET, "/v1/changes?staff=nobody").0 == 404)
    #expect(try await call(sandbox, .GET, "/v1/changes?staff=\(sandbox.me.rawValue)&since=bad").0 == 400)
    #expect(try await call(sandbox, .GET, "/v1/changes?staff=*", key: "guess").0 == 401)
    await sandbox.stop()
  }
}
