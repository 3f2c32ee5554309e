import Foundation

/// How reads are retried after a 429, a 5xx or a network error: exponential backoff with full jitter, and a
/// server's `Retry-After` honoured. Writes are never retried here — the outbox decides, after looking.
public struct RetryPolicy: Sendable {
  public var attempts: Int
  public var base: Double
  public var cap: Double
  public var sleep: @Sendable (Double) async -> Void

  public init(attempts: Int = 4, base: Double = 0.5, cap: Double = 30,
              sleep: @escaping @Sendable (Double) async -> Void = {
                try? await Task.sleep(nanoseconds: UInt64(max(0, $0) * 1e9))
              }) {
    self.attempts = attempts; self.base = base; self.cap = cap; self.sleep = sleep
  }

  public static let once = RetryPolicy(attempts: 1)

  /// The wait before attempt `n + 1` (n from 0): `Retry-After` when the server gave one, else a random time up
  /// to `base · 2ⁿ`, never more than `cap`.
  public func delay(after n: Int, retryAfter: Double?) -> Double {
    if let r = retryAfter { return min(cap, max(0, r)) }
    let ceiling = min(cap, base * pow(2, Double(n)))
    return Double.random(in: ceiling / 2...max(ceiling / 2, ceiling))
  }

  /// `Retry-After` in seconds (the HTTP-date form is rare enough to treat as absent).
  static func retryAfter(_ response: HTTPURLResponseLike) -> Double? {
    response.header("Retry-After").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
  }

  static func shouldRetry(status: Int) -> Bool { [429, 500, 502, 503, 504].contains(status) }
}

/// The part of a response the retry logic reads (so it can be tested without a server).
public protocol HTTPURLResponseLike {
  func header(_ name: String) -> String?
}
