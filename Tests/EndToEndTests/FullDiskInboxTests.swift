import Foundation
import Testing

/// The inbox on a disk with no room left, as a jump host has it: every cached thread reads, a reply typed there is
/// kept (on screen and in a 0600 file of the clinician's own), saved by itself once space is freed, and then sent
/// once. Closing the terminal on it loses nothing either: the next start takes the kept words into Drafts.
@Suite(.serialized) struct FullDiskInboxTests {
  /// A folder with the synced cache, a small disk (`disk/`, a tmpfs in clinbox's own mount namespace) and the
  /// runtime folder (`run/`).
  struct Scene {
    let sandbox: SandboxProcess
    let dir: URL
    let server: [String]
    var disk: String { dir.appendingPathComponent("disk").path }
    var run: String { dir.appendingPathComponent("run").path }
    var kept: String { run + "/clinbox" }

    init() throws {
      sandbox = try SandboxProcess(messages: 60)
      dir = try scratchFolder(config: "lock_after = 0\n")
      (_, server) = try syncedCache(sandbox, in: dir)
      try FileManager.default.createDirectory(atPath: dir.appendingPathComponent("disk").path,
                                              withIntermediateDirectories: true)
      try FileManager.default.createDirectory(atPath: dir.appendingPathComponent("run").path,
                                              withIntermediateDirectories: true,
                                              attributes: [.posixPermissions: 0o700])
    }

    /// The inbox on a copy of the cache on a 4 MB disk, full from the start or once `fillTheDisk()` asks;
    /// `freeTheDisk()` frees it.
    func fullDiskInbox(fullFromTheStart: Bool = true) throws -> Tmux {
      let d = dir.path
      let fill = "dd if=/dev/zero of=\(disk)/filler bs=16k 2>/dev/null; touch \(d)/filled"
      let fillWhenAsked = "while kill -0 $$ 2>/dev/null && [ ! -e \(d)/fill ]; do sleep 0.1; done; \(fill)"
      let script = """
        mount -t tmpfs -o size=4m tmpfs \(disk) && cp \(d)/c.sqlite \(disk)/ || exit 1
        \(fullFromTheStart ? fill : "")
        (\(fullFromTheStart ? "" : fillWhenAsked)
         while kill -0 $$ 2>/dev/null && [ ! -e \(d)/free ]; do sleep 0.1; done; rm -f \(disk)/filler) &
        exec env XDG_CONFIG_HOME=\(d) XDG_RUNTIME_DIR=\(run) \(clinboxBinary) \
          \(server.dropLast(2).joined(separator: " ")) --cache \(disk)/c.sqlite
        """
      try script.write(toFile: d + "/full-disk.sh", atomically: true, encoding: .utf8)
      // Wide: the test's folders have long names, and the status line names two of them.
      return try Tmux(width: 250, command: "unshare -m sh \(d)/full-disk.sh")
    }

    /// Fills the disk of an inbox opened with room, and waits until it is full.
    func fillTheDisk() {
      FileManager.default.createFile(atPath: dir.appendingPathComponent("fill").path, contents: nil)
      let deadline = Date().addingTimeInterval(10)
      while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("filled").path), Date() < deadline {
        usleep(50_000)
      }
    }

    func freeTheDisk() {
      FileManager.default.createFile(atPath: dir.appendingPathComponent("free").path, contents: nil)
    }

    /// How many times the server holds `text`: read through a fresh cache synced from it.
    func onServer(_ text: String) throws -> Int {
      let fresh = dir.appendingPathComponent("check-\(UUID().uuidString).sqlite").path
      _ = try clinbox(["sync"] + server.dropLast(2) + ["--cache", fresh])
      let listed = try clinbox(["list", "--json", "--cache", fresh]).stdout
      return listed.components(separatedBy: text).count - 1
    }

    /// How many times the server holds `text` once it holds it at all (or after 30 s).
    func onServerOnceSent(_ text: String) throws -> Int {
      let deadline = Date().addingTimeInterval(30)
      var count = try onServer(text)
      while count == 0 && Date() < deadline {
        usleep(500_000)
        count = try onServer(text)
      }
      return count
    }

    func stop() {
      sandbox.stop()
      try? FileManager.default.removeItem(at: dir)
    }
  }

  /// Opens the first thread on the full disk and starts a reply to it.
  func replyOnAFullDisk(_ scene: Scene, _ words: String) -> Tmux? {
    guard let t = try? scene.fullDiskInbox() else { return nil }
    let opened = t.waitFor(30) { $0.contains("disk full: 0 bytes free on \(scene.disk)") && $0.contains("→ ") }
    #expect(opened.contains("disk full: 0 bytes free on \(scene.disk)"), "the reason, in plain words: \(opened)")
    #expect(!opened.contains("SQLite"), "\(opened)")
    // A triage step cannot be kept: it says so, and the row is not left showing it taken.
    t.send("j", "d")
    let step = t.waitFor(10) { $0.contains("not saved — reading only: disk full") }
    #expect(step.contains("not saved — reading only: disk full: 0 bytes free on \(scene.disk)"), "\(step)")
    let readBack = t.waitFor(5) { !$0.contains("│✓") && $0.contains("not saved — reading only") }
    #expect(!readBack.contains("│✓"), "the row is read back as the cache has it, not done: \(readBack)")
    t.send("Enter")
    let thread = t.waitFor(10) { $0.contains("→ Priya Raman MD · 20") }
    #expect(thread.contains("→ Priya Raman MD · 20"), "a cached thread reads on the full disk: \(thread)")
    t.send("r")
    t.waitFor(10) { $0.contains("Ctrl-S send") }
    t.type(words)
    let marked = t.waitFor(10) { $0.contains("NOT SAVED (kept)") && $0.contains(words) }
    #expect(marked.contains("NOT SAVED (kept)"), "\(marked)")
    return t
  }

  /// The one file the words were kept in, its mode and its text.
  func keptFile(_ scene: Scene) -> (path: String, mode: Int, text: String)? {
    guard let name = (try? FileManager.default.contentsOfDirectory(atPath: scene.kept))?.first else { return nil }
    let path = scene.kept + "/" + name
    let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
    return (path, mode, (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
  }

  @Test(.enabled(if: getuid() == 0, "mounts a small tmpfs in a private mount namespace (root, as CI runs)"))
  func aReplyTypedOnAFullDiskIsSavedWhenSpaceComesBackThenSentOnce() throws {
    let scene = try Scene()
    defer { scene.stop() }
    let words = "Please call the clinic tomorrow morning about the rash"
    let t = try #require(replyOnAFullDisk(scene, words))
    defer { t.stop() }
    t.send("C-s")
    let refused = t.waitFor(10) { $0.contains("not sent: disk full") }
    #expect(refused.contains("not sent: disk full: 0 bytes free on \(scene.disk)"), "\(refused)")
    #expect(refused.contains(words), "the words are still in the pane")
    let kept = try #require(keptFile(scene))
    #expect(kept.text == words && kept.mode == 0o600, "\(kept)")
    #expect(refused.contains("— kept here and in \(scene.kept)"), "the file is named: \(refused)")

    scene.freeTheDisk()
    let saved = t.waitFor(20) { $0.contains("draft saved") }
    #expect(saved.contains("draft saved") && !saved.contains("NOT SAVED"), "saved by itself: \(saved)")
    #expect(keptFile(scene) == nil, "the copy outside the cache goes once the cache has the words")
    #expect(try scene.onServer(words) == 0, "saved, not sent: only Ctrl-S sends")

    t.send("C-s")
    #expect(try scene.onServerOnceSent(words) == 1, "sent once")
    usleep(6_000_000)   // a sync cycle more: nothing sends it again
    #expect(try scene.onServer(words) == 1)
  }

  /// The disk fills while the inbox is open: the reply is refused and kept, saved when space is back, sent once,
  /// and the audit trail (beside the cache, on the same disk) has every step, in order.
  @Test(.enabled(if: getuid() == 0, "mounts a small tmpfs in a private mount namespace (root, as CI runs)"))
  func aDiskThatFillsWhileTheInboxIsOpenLosesNoWordAndNoAuditEvent() throws {
    let scene = try Scene()
    defer { scene.stop() }
    let words = "Keep taking the cream twice a day and send a photo on Friday"
    let t = try scene.fullDiskInbox(fullFromTheStart: false)
    defer { t.stop() }
    #expect(synced(t.waitFor(30) { synced($0) }), "the inbox opened with room and synced")
    scene.fillTheDisk()
    t.send("Enter")
    t.waitFor(10) { $0.contains("→ Priya Raman MD · 20") }
    t.send("r")
    t.waitFor(10) { $0.contains("Ctrl-S send") }
    t.type(words)
    t.send("C-s")
    let refused = t.waitFor(10) { $0.contains("not sent: disk full") }
    #expect(refused.contains("not sent: disk full: 0 bytes free on \(scene.disk)") && refused.contains(words),
            "\(refused)")
    scene.freeTheDisk()
    #expect(t.waitFor(20) { $0.contains("draft saved") }.contains("draft saved"))
    t.send("C-s")
    #expect(try scene.onServerOnceSent(words) == 1, "sent once")
    // The trail is on the private disk: read through the process's own view of the mounts.
    let pid = try #require(t.panePID())
    let trail = (try? String(contentsOfFile: "/proc/\(pid)/root\(scene.disk)/audit.log", encoding: .utf8)) ?? ""
    let actions = trail.split(separator: "\n").compactMap { line in
      (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["action"] as? String
    }
    #expect(actions == ["opened", "sent"], "the opening waited for room, then both were written: \(actions)")
  }

  @Test(.enabled(if: getuid() == 0, "mounts a small tmpfs in a private mount namespace (root, as CI runs)"))
  func closingTheTerminalOnWordsNotSavedLosesNothing() throws {
    let scene = try Scene()
    defer { scene.stop() }
    let words = "Your lab results are normal, no change to the dose"
    let t = try #require(replyOnAFullDisk(scene, words))
    // Quitting asks first, naming the file.
    t.send("C-d")
    t.waitFor(10) { $0.contains("not saved yet") }
    t.send("q")   // the thread, back to the inbox
    t.waitFor(10) { $0.contains("Views") }
    t.send("q")
    let asked = t.waitFor(10) { $0.contains("Quit with words not saved?") }
    let kept = try #require(keptFile(scene))
    #expect(asked.contains("kept in \(kept.path)"), "\(asked)")
    // The terminal closes instead of an answer.
    t.stop()
    #expect(keptFile(scene)?.text == words, "the words outlive the session")

    // The next start, with room on the disk, takes them into the cache as the patient's draft.
    let again = try Tmux(width: 160, command: "env XDG_CONFIG_HOME=\(scene.dir.path) XDG_RUNTIME_DIR=\(scene.run) "
                         + "\(clinboxBinary) \(scene.server.joined(separator: " "))")
    defer { again.stop() }
    let restored = again.waitFor(20) { $0.contains("is in Drafts") }
    #expect(restored.contains("saved: the reply to ") && restored.contains(" is in Drafts"), "\(restored)")
    #expect(keptFile(scene) == nil)
    let drafts = try clinbox(["list", "--view", "drafts", "--json", "--cache", scene.server.last ?? ""]).stdout
    #expect(drafts.contains(words), "\(drafts)")
  }
}
