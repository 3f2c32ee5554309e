import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// HTTP with no cache and no cookie jar — nowhere on disk for a patient's message to land.
///
/// FoundationNetworking makes `~/.cache/org.swift.foundation.URLCache/<program>` and `~/.local/share/<program>`
/// (for the shared URL cache and cookie storage) as soon as any session configuration is created, even when
/// both are then turned off. `prepare()` creates the one configuration every session copies while the XDG
/// folders point into a private temporary folder, which is then removed.
public enum HTTPConfiguration {
  nonisolated(unsafe) private static var prepared: URLSessionConfiguration?

  /// Call once at start, before any other thread runs (it sets and restores environment variables).
  public static func prepare() {
    let names = ["XDG_CACHE_HOME", "XDG_DATA_HOME"]
    let saved = names.map { ($0, getenv($0).map { String(cString: $0) }) }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-http-\(getpid())-\(UUID().uuidString)")
    for name in names { setenv(name, scratch.path, 1) }
    let configuration = URLSessionConfiguration.ephemeral
    for (name, value) in saved {
      if let value { setenv(name, value, 1) } else { unsetenv(name) }
    }
    try? FileManager.default.removeItem(at: scratch)
    prepared = withoutStorage(configuration)
  }

  /// A configuration for one session: no URL cache, no cookies, no stored credentials.
  public static func make(timeout: TimeInterval) -> URLSessionConfiguration {
    let c = (prepared?.copy() as? URLSessionConfiguration) ?? withoutStorage(.ephemeral)
    c.timeoutIntervalForRequest = timeout
    c.timeoutIntervalForResource = timeout * 4
    return c
  }

  private static func withoutStorage(_ c: URLSessionConfiguration) -> URLSessionConfiguration {
    c.urlCache = nil
    c.requestCachePolicy = .reloadIgnoringLocalCacheData
    c.httpCookieStorage = nil
    c.httpShouldSetCookies = false
    c.urlCredentialStorage = nil
    return c
  }
}
