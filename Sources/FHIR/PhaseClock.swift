import Foundation
import Synchronization

/// Where a sync's time goes, for `clinbox sync --timings` and the benchmark: seconds spent receiving answers
/// (from the request until the whole body is in), parsing and decoding them, and writing them to the cache, with
/// how many of each. Phases overlap (the next page is fetched while one is stored), so their sum can exceed the
/// wall clock. Process-wide; a few additions a page.
public final class PhaseClock: Sendable {
  /// transfer, decode, store: every answer's. people, checkins: the whole of those steps of a sync (their
  /// transfers, decoding and storing included).
  public enum Phase: String, CaseIterable, Sendable { case transfer, decode, store, people, checkins }

  public static let shared = PhaseClock()

  private let totals = Mutex<[Phase: (seconds: Double, count: Int)]>([:])

  /// Runs `body`, adding its time to `phase`.
  public func time<T>(_ phase: Phase, _ body: () throws -> T) rethrows -> T {
    let start = DispatchTime.now().uptimeNanoseconds
    defer { add(phase, since: start) }
    return try body()
  }

  public func time<T>(_ phase: Phase, _ body: () async throws -> T) async rethrows -> T {
    let start = DispatchTime.now().uptimeNanoseconds
    defer { add(phase, since: start) }
    return try await body()
  }

  /// Adds the time since `start` (`DispatchTime.now().uptimeNanoseconds`) to `phase`.
  public func add(_ phase: Phase, since start: UInt64) {
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    totals.withLock { t in
      let was = t[phase] ?? (0, 0)
      t[phase] = (was.seconds + seconds, was.count + 1)
    }
  }

  public func snapshot() -> [Phase: (seconds: Double, count: Int)] { totals.withLock { $0 } }

  /// One line: `transfer 1.80 s (120) · decode 0.90 s (120) · store 1.10 s (116)`.
  public func summary() -> String {
    let t = snapshot()
    return Phase.allCases.map { p in
      String(format: "%@ %.2f s (%d)", p.rawValue, t[p]?.seconds ?? 0, t[p]?.count ?? 0)
    }.joined(separator: " · ")
  }
}
