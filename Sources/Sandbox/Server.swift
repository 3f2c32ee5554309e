import Foundation
import Synchronization
import FHIR
import GRDB

/// A Canvas-compatible FHIR server with seeded synthetic data, on loopback. `clinbox demo` runs one in-process;
/// `clinbox sandbox` runs one on its own; the tests run real HTTP against it.
/// `@unchecked Sendable`: `server` and `baseURL` are set by `init` and cleared by `stop`; the routes read
/// `store`, `tokens` and `faults`, which are Sendable.
public final class SandboxServer: @unchecked Sendable {
  public let options: SandboxOptions
  let store: SandboxStore
  let databasePath: String
  private let ownsDatabase: Bool
  private var server: SandboxHTTPServer?
  let tokens = TokenBook()
  /// Faults to inject and the log of requests seen.
  public let faults = Faults()
  /// The companion's WebSocket channels, and its own faults.
  public let news: CompanionNews
  /// Set once listening: `http://127.0.0.1:<port>`.
  public private(set) var baseURL: URL?

  public init(options: SandboxOptions, now: Date = Date()) throws {
    self.options = options
    news = CompanionNews(key: options.companionKey)
    if let p = options.databasePath {
      databasePath = p
      ownsDatabase = false
    } else {
      let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-sandbox-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true,
                                              attributes: [.posixPermissions: 0o700])
      databasePath = dir.appendingPathComponent("sandbox.sqlite").path
      ownsDatabase = true
    }
    store = try SandboxStore(path: databasePath)
    if !store.isSeeded {
      try Seed.run(store, seed: options.seed, messages: options.messages, now: now)
    }
    try store.createIndexes()
  }

  /// The seeded clinician the demo acts as: the first active, schedulable practitioner.
  public var demoPractitionerID: String {
    (try? store.pool.read { db in
      try String.fetchOne(db, sql: "SELECT id FROM practitioner WHERE active = 1 AND schedulable = 1 "
                          + "ORDER BY seq LIMIT 1")
    }) ?? nil ?? ""
  }

  /// Starts listening and returns the base URL.
  @discardableResult
  public func start() async throws -> URL {
    let server = SandboxHTTPServer()
    let router = Router(api: self)
    let port: Int
    do {
      port = try await server.start(host: options.host, port: Int(options.port), door: news) { request in
        await router.handleRequest(request)
      }
    } catch {
      throw SandboxError.cannotListen("\(options.host):\(options.port)")
    }
    self.server = server
    let url = URL(string: "http://\(options.host):\(port)")!
    baseURL = url
    return url
  }

  /// Blocks until the server stops (for `clinbox sandbox`).
  public func wait() async throws { try await server?.wait() }

  public func stop() async {
    await server?.stop()
    if ownsDatabase {
      try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: databasePath).deletingLastPathComponent().path)
    }
  }

  public enum SandboxError: Error, CustomStringConvertible {
    case cannotListen(String)
    public var description: String {
      switch self { case .cannotListen(let a): return "the sandbox cannot listen on \(a)" }
    }
  }
}

/// Issued bearer tokens and when they expire.
final class TokenBook: Sendable {
  private let tokens = Mutex<[String: Date]>([:])

  func issue(lifetime: Double) -> String {
    let t = (UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "").lowercased()
    tokens.withLock { $0[t] = Date().addingTimeInterval(lifetime) }
    return t
  }

  func isValid(_ token: String) -> Bool {
    tokens.withLock { ($0[token] ?? .distantPast) > Date() }
  }

  /// Ends every token now, as a server restart or a revocation would (for re-authentication tests).
  func expireAll() { tokens.withLock { $0.removeAll() } }
}

extension SandboxServer {
  /// Ends all issued tokens: the next request with an old one gets 401.
  public func expireTokens() { tokens.expireAll() }
}

extension SandboxServer {
  /// What Canvas's web UI does when a practitioner reads a message: `received` is set (and, for the r4 flavor,
  /// the message counts as changed). For tests of read state coming from the server.
  public func markReadInWebUI(communicationID id: String, at date: Date = Date()) throws {
    try store.pool.write { db in
      try db.execute(sql: "UPDATE communication SET received = ?, updated = ? WHERE id = ?",
                     arguments: [date.timeIntervalSince1970, date.timeIntervalSince1970, id])
    }
  }
}

extension SandboxServer {
  /// What a Canvas user does to a message in the web UI (or what Canvas did to API-created messages before
  /// 2024-05, reference §4.4): its `status` becomes `preparation` (a draft) or `in-progress` (scheduled).
  public func setStatus(communicationID id: String, _ status: String, at date: Date = Date()) throws {
    try store.pool.write { db in
      try db.execute(sql: "UPDATE communication SET status = ?, updated = ? WHERE id = ?",
                     arguments: [status, date.timeIntervalSince1970, id])
    }
  }
}

extension SandboxServer {
  /// A message that is no longer there (removed by the practice, or never visible to this user again): the
  /// search results shift under a client's feet.
  public func removeCommunication(id: String) throws {
    try store.pool.write { db in try db.execute(sql: "DELETE FROM communication WHERE id = ?", arguments: [id]) }
  }
}
