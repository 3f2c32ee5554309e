import Foundation
import Testing

/// The idle lock on a new install: the passphrase is chosen before the inbox shows any patient, and the lock screen
/// never offers to choose one — whoever finds it cannot open it with a passphrase of their own.
@Suite(.serialized) struct LockTests {
  @Test func aNewInstallChoosesItsPassphraseFirstAndTheLockScreenTakesNoOther() throws {
    let sandbox = try SandboxProcess(messages: 30)
    defer { sandbox.stop() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let (cache, server) = try syncedCache(sandbox, in: dir)
    let cached = try clinbox(["list", "--json", "--cache", cache]).stdout
    let aPatient = try #require(cached.split(separator: "\n").first.flatMap {
      ((try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any])?["patient"] as? [String: Any]
    }?["name"] as? String)

    let t = try Tmux(command: "\(clinboxBinary) \(server.joined(separator: " "))")
    defer { t.stop() }
    let asked = t.waitFor(20) { $0.contains("New passphrase") }
    #expect(asked.contains("Choose the passphrase that unlocks it"), "\(asked)")
    #expect(!asked.contains(aPatient) && !asked.contains("Unread"), "no patient data before it: \(asked)")
    t.type("short"); t.send("Enter")
    #expect(t.waitFor(10) { $0.contains("at least 8 characters") }.contains("at least 8 characters"))
    t.type("blue heron 42"); t.send("Enter")
    t.type("blue heron 42"); t.send("Enter")
    #expect(synced(t.waitFor { synced($0) }), "the inbox opens once it is chosen")

    t.send("L")
    let locked = t.waitFor(10) { $0.contains("clinbox is locked") }
    #expect(locked.contains("Type your passphrase") && !locked.contains("Choose"), "\(locked)")
    #expect(!locked.contains(aPatient))
    // A passer-by's own passphrase, typed as if choosing one, twice: the screen stays locked.
    t.type("passer by 123"); t.send("Enter")
    #expect(t.waitFor(10) { $0.contains("wrong passphrase") }.contains("wrong passphrase (1)"))
    Thread.sleep(forTimeInterval: 1.2)
    t.type("passer by 123"); t.send("Enter")
    let still = t.waitFor(10) { $0.contains("wrong passphrase (2)") }
    #expect(still.contains("clinbox is locked") && !still.contains(aPatient), "\(still)")
    Thread.sleep(forTimeInterval: 2.2)
    t.type("blue heron 42"); t.send("Enter")
    #expect(synced(t.waitFor(10) { synced($0) }), "the clinician's own opens it")
  }

  /// `clinbox passphrase` changes it only for whoever knows the current one.
  @Test func changingThePassphraseAsksForTheCurrentOne() throws {
    let cache = temporaryFile("lock.sqlite")
    defer { try? FileManager.default.removeItem(atPath: cache) }
    try choosePassphrase(cache: cache)
    let wrong = try clinbox(["passphrase", "--stdin", "--cache", cache], input: "guessing it\nmine now 1234\n")
    #expect(wrong.status == 1 && wrong.stderr.contains("not the current passphrase"), "\(wrong.stderr)")
    let right = try clinbox(["passphrase", "--stdin", "--cache", cache], input: testPassphrase + "\nmine now 1234\n")
    #expect(right.status == 0, "\(right.stderr)")
    let short = try clinbox(["passphrase", "--stdin", "--cache", cache], input: "mine now 1234\nshort\n")
    #expect(short.status == 1 && short.stderr.contains("at least 8"), "\(short.stderr)")
  }
}
