import ArgumentParser
import Foundation
import Store

/// `clinbox wipe [--profile NAME] [--cache PATH] [--yes] [--force]`: removes everything clinbox keeps for a profile
/// on this machine — the cache (messages, patients, drafts, the outbox), its audit trail and its lock — after a
/// confirmation. It refuses while another clinbox has the cache open (naming it), and while the outbox holds writes
/// the server does not have yet, unless `--force`, saying what would be lost. Tokens are never written to disk, so
/// there are none to remove.
struct WipeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "wipe", abstract: "Remove the profile's cache, drafts, outbox and audit trail from this machine.")

  @Flag(help: "Do not ask: remove at once (for scripts).")
  var yes = false

  @Flag(help: "Remove even what is still waiting in the outbox (it will never reach the server).")
  var force = false

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  func run() throws {
    let s = try Settings.resolve(server, cache, needsCredentials: false)
    let cachePath = s.cachePath
    guard !Self.files(cachePath).isEmpty else {
      print("nothing to wipe: no cache at \(cachePath)")
      return
    }
    // Held from here to the end: no clinbox opens the cache while it goes, and none has it open now.
    try CacheLock.takeWhole(cachePath)
    if FileManager.default.fileExists(atPath: cachePath) { try checkOutbox(cachePath) }
    // Listed once the look at the outbox has closed the cache (closing it removes its -wal and -shm).
    let files = Self.files(cachePath)
    if !yes {
      print("This removes, and cannot be undone:\n" + files.map { "  \($0)" }.joined(separator: "\n"))
      print("Type wipe to go on: ", terminator: "")
      guard readLine()?.trimmingCharacters(in: .whitespaces) == "wipe" else {
        throw Failure("nothing removed")
      }
    }
    for file in files {
      do { try FileManager.default.removeItem(atPath: file) } catch CocoaError.fileNoSuchFile {
        continue   // gone already (SQLite removes its -wal as it closes): not an error
      } catch { throw Failure("cannot remove \(file): \(error.localizedDescription)") }
    }
    let folder = (cachePath as NSString).deletingLastPathComponent
    if (try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty == true {
      try? FileManager.default.removeItem(atPath: folder)
    }
    print("removed \(files.count) file(s): \(files.joined(separator: ", "))")
  }

  /// Refuses while the outbox holds writes the server does not have (unless `--force`); says what drafts go.
  /// The cache is closed again before this returns.
  func checkOutbox(_ cachePath: String) throws {
    let store = try Wiring.openStore(cachePath)
    let waiting = try store.outboxCounts()
    let drafts = try store.count(MessageQuery(view: .drafts))
    if waiting.pending + waiting.failed > 0 && !force {
      throw Failure("""
        \(waiting.pending + waiting.failed) write(s) in the outbox have not reached the server and would be lost \
        (\(waiting.pending) queued, \(waiting.failed) failed); sync first, or wipe --force
        """)
    }
    if drafts > 0 { print("\(drafts) draft(s) will be lost") }
  }

  /// What the profile keeps that exists now: the cache and its SQLite files, its audit trail, its lock last.
  static func files(_ cachePath: String) -> [String] {
    let damaged = CacheRepair.damagedPath(cachePath)
    return [cachePath, cachePath + "-wal", cachePath + "-shm", damaged, damaged + "-wal", damaged + "-shm",
            Store.upgradeCopyPath(cachePath), CacheRepair.markerPath(cachePath), Store.auditPath(forCache: cachePath),
            CacheLock.path(forCache: cachePath)].filter { FileManager.default.fileExists(atPath: $0) }
  }
}
