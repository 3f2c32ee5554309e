import Foundation
import Testing

/// Two clinbox processes on one cache: what one writes (a `clinbox send`, a `clinbox sync`) shows on the other's
/// open inbox within a second or two, without a key.
@Suite(.serialized) struct CrossProcessTests {
  @Test func aSendFromAnotherProcessShowsOnTheOpenInbox() throws {
    let sandbox = try SandboxProcess(messages: 30)
    defer { sandbox.stop() }
    let cache = temporaryFile("shared.sqlite")
    defer { try? FileManager.default.removeItem(atPath: cache) }
    let server = ["--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)", "--client-id", "demo",
                  "--client-secret", "demo", "--cache", cache]
    #expect(try clinbox(["sync"] + server).status == 0)
    let first = try clinbox(["list", "--json", "--cache", cache]).stdout.split(separator: "\n").first.map(String.init) ?? ""
    let patient = try #require(((try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])?["patient"]
      as? [String: Any])?["id"] as? String)

    // The inbox on the cache alone (no server, so no sync of its own): anything new comes from the other
    // process's writes.
    try choosePassphrase(cache: cache)
    let t = try Tmux(command: "\(clinboxBinary) --cache \(cache) --as Practitioner/\(sandbox.practitioner)")
    defer { t.stop() }
    t.waitFor { $0.contains("acting as") && $0.contains(" 1/") }
    let send = try clinbox(["send", "--patient", patient, "--text", "Written by another clinbox"] + server)
    #expect(send.status == 0, "\(send.stderr)")
    let sentAt = Date()
    let shown = t.waitFor(10) { $0.contains("Written by another clinbox") }
    #expect(shown.contains("Written by another clinbox"), "the other process's message is on screen")
    #expect(Date().timeIntervalSince(sentAt) < 3, "within a second or two: \(Date().timeIntervalSince(sentAt)) s")
    t.send("q")
  }
}
