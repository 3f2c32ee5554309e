import ArgumentParser
import Foundation
import Store

/// `clinbox repair`: a damaged cache repaired by hand (clinbox also does it when a cache fails to open as
/// damaged). What only the cache holds — the outbox, drafts, the lock's passphrase, the audit key — is salvaged
/// into a fresh cache; the damaged file is kept beside it; the next sync fetches the rest. Each step is said.
struct RepairCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repair", abstract: "Repair a damaged cache: keep its outbox and drafts, sync the rest again.")

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  func run() throws {
    let s = try Settings.resolve(server, cache, needsCredentials: false)
    guard FileManager.default.fileExists(atPath: s.cachePath) else { throw Failure("no cache at \(s.cachePath)") }
    if CacheRepair.isSound(s.cachePath) {
      print("the cache at \(s.cachePath) passes SQLite's quick check: nothing to repair")
      return
    }
    // No other clinbox may write the cache while it is moved aside and made again.
    try CacheLock.takeWhole(s.cachePath)
    for line in try Wiring.repair(s.cachePath, redFlags: s.redFlags) { print(line) }
  }
}
