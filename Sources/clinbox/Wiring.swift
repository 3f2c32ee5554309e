import Audit
import ClinicActs
import Foundation
import FHIR
import Store
import Sync
import FHIRMapping

/// Opening the cache and syncing it, shared by the commands.
enum Wiring {
  /// The cache this command opened, for the repair a damaged page found later calls for (`CLI`).
  // Set by the command on the main thread when it opens its cache, read there when it fails.
  nonisolated(unsafe) static var openedCache: String?
  nonisolated(unsafe) static var openedRedFlags = RedFlags.shipped
  static func openStore(_ path: String, redFlags: RedFlags = .shipped,
                        recordPrefix: RecordPrefix = .standard) throws -> Store {
    // Without its lexicon clinbox would mark nothing urgent, and say nothing: refuse instead.
    if let problem = RedFlags.shippedProblem { throw Failure(problem) }
    // An inbox met a damaged page and could not repair the cache it had open: this start does.
    if FileManager.default.fileExists(atPath: CacheRepair.markerPath(path)) {
      try repairSaying(path, redFlags: redFlags, found: "was found damaged")
      try? FileManager.default.removeItem(atPath: CacheRepair.markerPath(path))
    }
    do {
      let store = try Store(path: path, redFlags: redFlags, recordPrefixes: RecordPrefixes(own: recordPrefix))
      try CacheLock.share(path)   // held until this process ends: `wipe` sees the cache is open
      openedCache = path
      openedRedFlags = redFlags
      return store
    } catch let failure as Failure { throw failure }
    catch where CacheRepair.isDamage(error) && Self.looksLikeSQLite(path) {
      // A damaged cache is repaired, not refused: its outbox and drafts are the only copies of those words.
      try repairSaying(path, redFlags: redFlags, found: "is damaged")
      return try openStore(path, redFlags: redFlags, recordPrefix: recordPrefix)
    } catch { throw Failure(CacheTrouble.words(for: error, cache: path) ?? "\(error)") }
  }

  /// Repairs the cache at `path` with its lock taken whole, each step said on stderr: "the cache at … <found>;
  /// repairing it", then what was kept, salvaged and lost.
  static func repairSaying(_ path: String, redFlags: RedFlags, found: String) throws {
    func say(_ line: String) { FileHandle.standardError.write(Data("clinbox: \(line)\n".utf8)) }
    say("the cache at \(path) \(found); repairing it")
    try CacheLock.takeWhole(path)
    for line in try repair(path, redFlags: redFlags) { say(line) }
  }

  /// Repairs the cache at `path` (its lock held whole), the audit trail told; the lines say what was done.
  static func repair(_ path: String, redFlags: RedFlags) throws -> [String] {
    do {
      let (report, store) = try CacheRepair.repair(at: path, redFlags: redFlags)
      // The audit key came back with the salvage, so the trail goes on from its last line (ids and figures only).
      let event = AuditEvent(at: Date(), profile: "default",
                             practitioner: ((try? store.syncValue("acting_as")) ?? nil) ?? "",
                             action: "repaired", detail: ["outbox": String(report.outbox),
                                                          "drafts_and_in_flight": String(report.localMessages),
                                                          "lost": String(report.lost.count)])
      try? AuditTrail(path: store.auditPath, key: try store.auditKey()).record(event)
      return report.lines
    } catch { throw Failure("the cache at \(path) could not be repaired: \(error)") }
  }

  /// An SQLite file (its header), damaged or not: anything else named as the cache is refused, never replaced.
  static func looksLikeSQLite(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    return (try? handle.read(upToCount: 16)) == Data("SQLite format 3\0".utf8)
  }

  /// The cache of these settings, marking red flags by the clinic's lexicon.
  static func openStore(_ s: Settings) throws -> Store {
    try openStore(s.cachePath, redFlags: s.redFlags, recordPrefix: s.recordPrefix)
  }

  /// A cache holds one server's data: refuse to mix another practice's patients into it.
  static func ensureSameServer(_ store: Store, _ server: URL) throws {
    // Caches from before URLs were normalized hold the URL as it was typed: compare the normalized forms.
    if let previous = try store.syncValue("server"),
       ServerURL.normalized(previous) != ServerURL.normalized(server).absoluteString {
      throw Failure("the cache at \(store.path) holds data from \(previous); use --cache for another server")
    }
  }

  /// One sync of the acting practitioner's messages into the cache, with a progress line on stderr. `outboxOnly`:
  /// what was written here goes out, and nothing is pulled (`clinbox sync --outbox-only`, the systemd timer's).
  @discardableResult
  static func sync(server: URL, credentials: Credentials, practitionerID: StaffID, store: Store,
                   quiet: Bool = false, webhook: URL? = nil, webhookSecret: String? = nil,
                   cover: [StaffID] = [], companion: CompanionClient? = nil,
                   outboxOnly: Bool = false) async throws -> SyncSummary {
    try ensureSameServer(store, server)
    let client = FHIRClient(server: server, credentials: credentials)
    let engine = SyncEngine(client: client, store: store, practitionerID: practitionerID)
    engine.cover = cover
    engine.companion = companion
    let progress = ProgressLine(enabled: !quiet)
    do {
      // What was written here goes out first; then what is new comes in.
      let pushed = try await OutboxPusher(client: client, store: store, webhook: webhook, companion: companion)
        .push()
      if !quiet && !pushed.delivered.isEmpty {
        FileHandle.standardError.write(Data("delivered \(counted(pushed.delivered.count, "queued message"))\n".utf8))
      }
      for (_, reason) in pushed.failed where !quiet {
        FileHandle.standardError.write(Data("a queued message was refused: \(reason)\n".utf8))
      }
      if let webhook {
        let (n, problem) = try await WebhookSender(client: client, store: store, url: webhook, secret: webhookSecret)
            .deliver()
        if !quiet && n > 0 {
          FileHandle.standardError.write(Data("delivered \(counted(n, "message")) to the app\n".utf8))
        }
        if !quiet, let problem { FileHandle.standardError.write(Data("app delivery waits: \(problem)\n".utf8)) }
      }
      if outboxOnly {
        let waiting = (try? store.outboxCounts().pending) ?? 0
        progress.finish("outbox: \(counted(pushed.delivered.count, "message")) sent, \(waiting) waiting")
        if let stopped = pushed.stoppedBy, waiting > 0 { throw Failure("\(waiting) still queued: \(stopped)") }
        return SyncSummary()
      }
      let start = Date()
      let summary = try await engine.run { p in progress.show(p) }
      SyncLog.finished(summary, pending: (try? store.outboxCounts().pending) ?? 0,
                       seconds: Date().timeIntervalSince(start))
      let skipped = summary.skipped > 0 ? " (\(summary.skipped) unreadable resources skipped)" : ""
      let what = "\(counted(summary.messages, "message")) in \(counted(summary.pages, "page"))"
      progress.finish("synced \(what) from \(server.absoluteString)\(skipped)")
      try? store.setSyncValue("acting_as", practitionerID.rawValue)
      return summary
    } catch {
      progress.finish(nil)
      SyncLog.failed(error, pending: (try? store.outboxCounts().pending) ?? 0)
      throw Failure("sync failed: " + (CacheTrouble.words(for: error, cache: store.path) ?? "\(error)"))
    }
  }
}

/// A progress line on stderr: rewritten in place on a terminal, one line per scope otherwise.
/// `@unchecked Sendable`: its counts change only in the sync's progress callback, which a sync calls from one
/// task at a time.
final class ProgressLine: @unchecked Sendable {
  let enabled: Bool
  let tty = isatty(STDERR_FILENO) == 1
  private var lastScope = ""
  private var pending: String?

  init(enabled: Bool) { self.enabled = enabled }

  private let started = Date()
  private var done = 0
  private var doneInScope = 0

  func show(_ p: SyncProgress) {
    guard enabled else { return }
    let total = p.total.map { "/\($0)" } ?? ""
    let line = "syncing \(p.scope): page \(p.pages), \(p.messages)\(total) messages"
    if tty {
      // A bar for the scope, with the rate over the whole sync.
      if p.scope != lastScope { done += doneInScope }
      doneInScope = p.messages
      let elapsed = max(0.001, Date().timeIntervalSince(started))
      let rate = Int(Double(done + doneInScope) / elapsed)
      var bar = ""
      if let t = p.total, t > 0 {
        let filled = min(20, p.messages * 20 / t)
        bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 20 - filled) + "] "
      }
      write("\r\u{1B}[K" + bar + line + " · \(rate) messages/s")
    } else {
      if p.scope != lastScope, let pending { write(pending + "\n") }
      pending = line
    }
    lastScope = p.scope
  }

  func finish(_ message: String?) {
    guard enabled else { return }
    if tty { write("\r\u{1B}[K") } else if let pending { write(pending + "\n") }
    pending = nil
    if let message { write(message + "\n") }
  }

  private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}

extension Wiring {
  /// A headless command's clinical acts, recorded in the cache's audit trail as the inbox records its own.
  static func acts(_ store: Store, _ settings: Settings, by clinician: StaffID) throws -> ClinicActs {
    let trail = AuditTrail(path: store.auditPath, key: try store.auditKey())
    let profile = settings.profile ?? "default"
    return ClinicActs(store: store, clinician: clinician) { act in
      try trail.record(act.event(by: clinician, profile: profile, at: Date()))
    }
  }
}
