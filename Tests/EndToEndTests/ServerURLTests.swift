import Foundation
import Testing

/// A server is one server however its URL is written: a trailing `/`, capitals, the default port.
@Suite(.serialized) struct ServerURLTests {
  @Test func aURLWithATrailingSlashIsTheSameServer() throws {
    let sandbox = try SandboxProcess(messages: 30)
    defer { sandbox.stop() }
    let cache = temporaryFile("url.sqlite")
    defer { try? FileManager.default.removeItem(atPath: cache) }
    let who = ["--as", "Practitioner/\(sandbox.practitioner)", "--client-id", "demo", "--client-secret", "demo", "--cache", cache]
    for server in [sandbox.url + "/", sandbox.url + "/", sandbox.url.replacingOccurrences(of: "http://", with: "HTTP://")] {
      let run = try clinbox(["sync", "--server", server] + who)
      #expect(run.status == 0, "sync --server \(server): \(run.stderr)")
    }
    try choosePassphrase(cache: cache)
    let t = try Tmux(command: "\(clinboxBinary) --server \(sandbox.url) \(who.joined(separator: " "))")
    defer { t.stop() }
    let inbox = t.waitFor(30) { synced($0) || $0.contains("clinbox:") }
    #expect(synced(inbox), "the inbox on the URL without the slash uses the same cache: \(inbox)")
    t.send("q")
  }
}
