import Foundation
import Logging
import WSClient

/// An event the companion pushes over its WebSocket: ids and a time only (companion-api.md). A hint, not the record:
/// clinbox answers it by asking the changes feed from its cursor.
public struct NewsEvent: Decodable, Sendable, Equatable {
  public var type: String
  public var id: String
  public var modified: String

  /// A frame as the contract writes it, or nil: a frame clinbox does not know is not news.
  public static func parse(_ text: String) -> NewsEvent? {
    guard let event = try? JSONDecoder().decode(NewsEvent.self, from: Data(text.utf8)),
          ["message", "task"].contains(event.type), !event.id.isEmpty else { return nil }
    return event
  }
}

/// Whether news comes as it happens: every watched channel's socket open (`live`), or not (`polling`, with why).
public enum NewsState: Sendable, Equatable {
  case live
  case polling(String?)
}

/// One WebSocket to the companion per channel the inbox watches (`staff-<id>`, `practice`), each reconnecting by
/// itself with backoff and jitter. An event calls `onEvent`; a socket that opens or closes calls `onState` with
/// whether all are open. Nothing a frame holds is logged or shown: it is ids alone, and only its kind is read.
/// `@unchecked Sendable`: `sockets`, `open`, `wasOpen`, `problem` and `told` are under `lock`.
public final class NewsLine: @unchecked Sendable {
  let base: String
  let key: String
  let onEvent: @Sendable (NewsEvent) -> Void
  let onState: @Sendable (NewsState) -> Void
  /// The longest wait between two tries of one socket.
  let longestWait: TimeInterval
  private let lock = NSLock()
  private var sockets: [String: Task<Void, Never>] = [:]
  private var open: Set<String> = []
  private var problem: String?
  /// Channels whose socket opened since their last failure.
  private var wasOpen: Set<String> = []
  private var told: NewsState?

  /// `companion`: the plugin's HTTP base (`…/plugin-io/api/clinbox_companion`); its sockets are under
  /// `…/plugin-io/ws/clinbox_companion`, `ws` for `http` and `wss` for `https`.
  public init(companion: URL, key: String, longestWait: TimeInterval = 60,
              onEvent: @escaping @Sendable (NewsEvent) -> Void, onState: @escaping @Sendable (NewsState) -> Void) {
    var text = companion.absoluteString.replacingOccurrences(of: "/plugin-io/api/", with: "/plugin-io/ws/")
    if text.hasPrefix("https:") { text = "wss:" + text.dropFirst(6) } else if text.hasPrefix("http:") {
      text = "ws:" + text.dropFirst(5)
    }
    base = text.hasSuffix("/") ? String(text.dropLast()) : text
    self.key = key; self.longestWait = longestWait; self.onEvent = onEvent; self.onState = onState
  }

  /// The channel for a feed's staff name: `staff-<id>`, or `practice` for Any staff (`*`).
  public static func channel(forFeed staff: String) -> String { staff == "*" ? "practice" : "staff-\(staff)" }

  /// Opens a socket for each of `channels` not open yet and closes those no longer watched.
  public func watch(_ channels: Set<String>) {
    let (started, stopped) = lock.withLock { () -> ([String], [Task<Void, Never>]) in
      let gone = sockets.keys.filter { !channels.contains($0) }
      let tasks = gone.compactMap { sockets.removeValue(forKey: $0) }
      open.subtract(gone)
      let new = channels.filter { sockets[$0] == nil }.sorted()
      for channel in new { sockets[channel] = Task { [self] in await keepOpen(channel) } }
      return (new, tasks)
    }
    for task in stopped { task.cancel() }
    if !started.isEmpty || !stopped.isEmpty { tell() }
  }

  /// Closes every socket; no more tries.
  public func stop() { watch([]) }

  /// One channel's socket, opened again after each close, waiting longer each time it fails at once.
  private func keepOpen(_ channel: String) async {
    var failures = 0
    let url = "\(base)/\(channel)/?api_key=\(Self.escaped(key))"
    var logger = Logger(label: "clinbox.news")
    logger.logLevel = .critical
    while !Task.isCancelled {
      do {
        let config = WebSocketClientConfiguration(maxFrameSize: 1 << 16, autoPing: .enabled(timePeriod: .seconds(30)))
        try await WebSocketClient.connect(url: url, configuration: config, logger: logger) { inbound, _, _ in
          self.opened(channel)
          for try await message in inbound.messages(maxSize: 1 << 16) {
            guard case .text(let text) = message, let event = NewsEvent.parse(text) else {
              self.closed(channel, because: Self.strayFrame)
              return
            }
            self.onEvent(event)
          }
        }
        // A socket this end closed for a stray frame keeps that reason.
        if lock.withLock({ problem }) != Self.strayFrame { closed(channel, because: "the companion closed its socket") }
      } catch {
        let refused = (error as? WebSocketClientError) == .webSocketUpgradeFailed
        closed(channel, because: refused ? "the companion refused the socket (its key, or no plugin)"
          : "the companion's socket could not be opened")
      }
      // A socket that opened and later closed starts its waits again from the shortest.
      failures = lock.withLock { wasOpen.remove(channel) != nil } ? 1 : failures + 1
      try? await Task.sleep(nanoseconds: UInt64(Self.wait(after: failures, longest: longestWait) * 1e9))
    }
  }

  static let strayFrame = "the companion sent a frame clinbox does not know"

  /// Backoff with jitter: about half a second after the first failure, doubling to `longest`, each wait between
  /// half and the whole of it, so that clinboxes cut off together do not all come back in the same second.
  static func wait(after failures: Int, longest: TimeInterval) -> TimeInterval {
    let ceiling = min(longest, 0.5 * pow(2, Double(min(failures, 20) - 1)))
    return ceiling * Double.random(in: 0.5...1)
  }

  static func escaped(_ key: String) -> String {
    key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key
  }

  private func opened(_ channel: String) {
    lock.withLock {
      open.insert(channel)
      wasOpen.insert(channel)
      problem = nil
    }
    tell()
  }

  private func closed(_ channel: String, because why: String) {
    let watched = lock.withLock { () -> Bool in
      open.remove(channel)
      problem = why
      return sockets[channel] != nil
    }
    if watched { tell() }
  }

  /// Says the state when it changed: live while every watched socket is open.
  private func tell() {
    let state = lock.withLock { () -> NewsState? in
      let now: NewsState = !sockets.isEmpty && open.count == sockets.count ? .live : .polling(problem)
      guard now != told else { return nil }
      told = now
      return now
    }
    if let state { onState(state) }
  }
}
