import Foundation
import Testing

/// The short version of `scripts/soak`: an inbox syncing every 5 s while patients' messages arrive and keys are
/// pressed keeps its descriptors and threads — a leak of either grows with every cycle of a working day.
@Suite struct ShortSoakTests {
  /// Open descriptors (apart from the cache's own files) and threads of `pid`, the least of a few looks a moment
  /// apart: a sync holds a connection open for a moment, a leak stays. The cache's files are counted apart: GRDB
  /// opens reader connections as reads overlap, up to its limit, which is no leak.
  func resources(_ pid: Int32, cache: String) -> (fds: Int, cacheFiles: Int, threads: Int) {
    var fds = Int.max, cacheFiles = Int.max, threads = Int.max
    for _ in 0..<6 {
      let open = descriptors(pid)
      let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
      let count = status.split(separator: "\n").first { $0.hasPrefix("Threads:") }
        .flatMap { Int($0.split(separator: "\t").last ?? "") } ?? Int.max
      fds = min(fds, open.filter { !$0.hasPrefix(cache) }.count)
      cacheFiles = min(cacheFiles, open.filter { $0.hasPrefix(cache) }.count)
      threads = min(threads, count)
      usleep(500_000)
    }
    return (fds, cacheFiles, threads)
  }

  /// What each open descriptor of `pid` is, for the message when they grew.
  func descriptors(_ pid: Int32) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
    return names.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)") }
      .map { $0.hasPrefix("socket:") ? "socket" : $0 }.sorted()
  }

  @Test func descriptorsAndThreadsStayFlatOverSyncCyclesWithArrivals() throws {
    let sandbox = try SandboxProcess(messages: 60)
    defer { sandbox.stop() }
    let dir = try scratchFolder(config: "lock_after = 0\n")
    defer { try? FileManager.default.removeItem(at: dir) }
    let (cache, server) = try syncedCache(sandbox, in: dir)
    let me = "Practitioner/\(sandbox.practitioner)"
    let patient = try #require(try clinbox(["list", "--json"] + server).stdout.split(separator: "\n").first
      .flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
      .flatMap { ($0["patient"] as? [String: Any])?["id"] as? String })
    let t = try Tmux(command: "env XDG_CONFIG_HOME=\(dir.path) \(clinboxBinary) " + server.joined(separator: " ")
                     + " --sync-interval 5")
    defer { t.stop() }
    t.waitFor(30) { $0.contains("→ ") && synced($0) }
    let pid = try #require(t.panePID())
    // A patient's message arrives (recorded at another desk) and a key is pressed, cycle after cycle.
    func cycle(_ i: Int) throws {
      let desk = ["--server", sandbox.url, "--as", me, "--client-id", "demo", "--client-secret", "demo", "--cache",
                  dir.appendingPathComponent("desk.sqlite").path]
      let recorded = try clinbox(["record", "--patient", patient, "--for", me, "--text", "Soak message \(i)"] + desk)
      #expect(recorded.status == 0, "\(recorded.stderr)")
      t.send(["j", "k", "Enter", "q", "]", "["][i % 6])
      sleep(5)
    }
    for i in 0...1 { try cycle(i) }   // warm-up: the thread view, the pickers' first reads
    let first = resources(pid, cache: cache), firstOpen = descriptors(pid)
    for i in 2...7 { try cycle(i) }
    sleep(6)   // the last sync
    let arrived = try clinbox(["list", "--search", "Soak message", "--count"] + server).stdout
    #expect(arrived.trimmingCharacters(in: .whitespacesAndNewlines) == "8", "the inbox synced each arrival")
    let last = resources(pid, cache: cache)
    #expect(last.cacheFiles <= 12, "at most GRDB's readers and its writer: \(descriptors(pid))")
    #expect(last.fds == first.fds, "descriptors: \(first.fds) after the first cycle, \(last.fds) after the last: \(firstOpen) then \(descriptors(pid))")
    #expect(last.threads <= first.threads + 2, "threads: \(first.threads), then \(last.threads)")
  }
}
