import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The generic R4 path against a real R4 server, sekmet-fhir (installed by `scripts/peers`): its
/// CapabilityStatement lists `_lastUpdated` but not `_sort`, as R4 servers do, and the second sync must still be
/// incremental.
@Suite(.serialized) struct SekmetTests {
  @Test func theSecondSyncAsksOnlyForWhatChanged() async throws {
    let peer = try SekmetServer()
    defer { peer.stop() }
    try await peer.put("Practitioner/doc1", #"{"resourceType":"Practitioner","id":"doc1","name":[{"text":"Ada Doc","family":"Doc","given":["Ada"]}]}"#)
    try await peer.put("Patient/pat1", #"{"resourceType":"Patient","id":"pat1","name":[{"family":"Roe","given":["Ann"]}]}"#)
    for i in 1...3 { try await peer.message("Old message \(i)") }
    // An incremental pull re-reads the 5 s before its mark: the first sync comes later than that.
    usleep(6_000_000)
    let cache = temporaryFile("sekmet.sqlite")
    defer { try? FileManager.default.removeItem(atPath: cache) }
    let args = ["sync", "--server", peer.base, "--as", "Practitioner/doc1", "--cache", cache]
    let first = try clinbox(args)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("synced 3 messages"), "\(first.stderr)")
    try await peer.message("New since the last sync")
    let logged = peer.log.count
    let second = try clinbox(args)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stderr.contains("synced 1 message in"), "only the new message came back: \(second.stderr)")
    let searches = peer.log.dropFirst(logged).split(separator: "\n").filter { $0.contains("GET /fhir/Communication?") }
    #expect(!searches.isEmpty)
    #expect(searches.allSatisfy { $0.contains("_lastUpdated=ge") }, "every search of the second sync is incremental: \(searches)")
    let list = try clinbox(["list", "--cache", cache])
    #expect(list.stdout.contains("New since the last sync") && list.stdout.contains("Old message 1"))

    // doctor tells what sync needs from what one feature needs: a Canvas-only parameter is no failure here.
    let doctor = try clinbox(["doctor"] + Array(args.dropFirst()))
    #expect(!doctor.stdout.contains("✘ Practitioner"), "\(doctor.stdout)")
    #expect(doctor.stdout.contains("! Practitioner (optional)") || doctor.stdout.contains("include-non-schedulable"),
            "\(doctor.stdout)")
    // A reply is created as an R4 server keeps it: `completed`, with its patient as subject, so apps that ask
    // `patient=` and `status=completed` find it.
    let reply = "Your results are normal \(UUID().uuidString.prefix(6))"
    let sent = try clinbox(["send", "--patient", "pat1", "--text", reply] + Array(args.dropFirst()))
    #expect(sent.status == 0, "\(sent.stderr)")
    let url = URL(string: "\(peer.base)/Communication?patient=Patient/pat1&status=completed&_count=100")!
    let (data, _) = try await URLSession.shared.data(from: url)
    #expect(String(decoding: data, as: UTF8.self).contains(reply), "found by patient= and status=completed")
  }
}

/// A sekmet-fhir server of its own (port, base URL, database), stopped by `stop()`.
final class SekmetServer {
  let child: Child
  let dir: URL
  let base: String
  let logFile: String

  init() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let binary = ProcessInfo.processInfo.environment["SEKMET_BIN"] ?? root.appendingPathComponent(".build/peers/bin/sekmet").path
    guard FileManager.default.isExecutableFile(atPath: binary) else { throw PeerError.notInstalled(binary) }
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-sekmet-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let port = 20_000 + Int.random(in: 0..<20_000)
    base = "http://127.0.0.1:\(port)/fhir"
    let settings = dir.appendingPathComponent("settings.yaml")
    try "simulator:\n  enabled: false\n".write(to: settings, atomically: true, encoding: .utf8)
    logFile = dir.appendingPathComponent("requests.log").path
    var env = ProcessInfo.processInfo.environment
    env["SEKMET_BASE_URL"] = base
    env["SEKMET_DB"] = dir.appendingPathComponent("sekmet.db").path
    env["SEKMET_PORT"] = String(port)
    env["SEKMET_CONFIG"] = settings.path
    child = try Child(binary, ["serve", "--host", "127.0.0.1", "--port", String(port)], env: env, stdout: logFile, stderr: logFile + ".err")
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
      if (try? Data(contentsOf: URL(string: base + "/metadata")!)) != nil { return }
      usleep(200_000)
    }
    stop()
    throw PeerError.didNotStart(log)
  }

  /// The server's access log: one line a request.
  var log: String {
    ((try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "") + ((try? String(contentsOfFile: logFile + ".err", encoding: .utf8)) ?? "")
  }

  func put(_ path: String, _ json: String) async throws {
    var req = URLRequest(url: URL(string: "\(base)/\(path)")!)
    req.httpMethod = "PUT"
    req.setValue("application/fhir+json", forHTTPHeaderField: "Content-Type")
    req.httpBody = Data(json.utf8)
    let (_, response) = try await URLSession.shared.data(for: req)
    #expect([200, 201].contains((response as? HTTPURLResponse)?.statusCode ?? 0))
  }

  /// A message from the patient to the practitioner.
  func message(_ text: String) async throws {
    var req = URLRequest(url: URL(string: "\(base)/Communication")!)
    req.httpMethod = "POST"
    req.setValue("application/fhir+json", forHTTPHeaderField: "Content-Type")
    req.httpBody = Data("""
      {"resourceType":"Communication","status":"completed","subject":{"reference":"Patient/pat1"},
       "sent":"\(ISO8601DateFormatter().string(from: Date()))","sender":{"reference":"Patient/pat1"},
       "recipient":[{"reference":"Practitioner/doc1"}],"payload":[{"contentString":"\(text)"}]}
      """.utf8)
    let (_, response) = try await URLSession.shared.data(for: req)
    #expect((response as? HTTPURLResponse)?.statusCode == 201)
  }

  func stop() {
    child.signal(SIGTERM)
    child.wait(timeout: 10)
    try? FileManager.default.removeItem(at: dir)
  }
}

enum PeerError: Error, CustomStringConvertible {
  case notInstalled(String)
  case didNotStart(String)
  var description: String {
    switch self {
    case .notInstalled(let path): return "sekmet-fhir is not installed at \(path): run scripts/peers"
    case .didNotStart(let log): return "sekmet-fhir did not start: \(log)"
    }
  }
}
