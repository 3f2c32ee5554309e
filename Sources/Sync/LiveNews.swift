import Foundation

/// The companion's news driving the background sync: a socket per inbox the engine watches; an event wakes a cycle
/// that asks the changes feed; open sockets slow the schedule, a closed one brings back polling — each change with a
/// cycle at once, for what came while no socket could tell of it.
/// `@unchecked Sendable`: `line` is under `lock`.
public final class LiveNews: @unchecked Sendable {
  private let lock = NSLock()
  private var line: NewsLine?

  public init() {}

  /// Opens the sockets for what `engine` syncs (closing any opened before), waking `background` on each event;
  /// `tell` hears whether news is live.
  public func start(_ companion: CompanionClient, engine: SyncEngine, background: BackgroundSync,
                    longestWait: TimeInterval = 60, tell: @escaping @Sendable (NewsState) -> Void) {
    let line = NewsLine(companion: companion.base, key: companion.key, longestWait: longestWait,
                        onEvent: { _ in background.news() },
                        onState: { state in
                          background.setLive(state == .live)
                          tell(state)
                        })
    lock.withLock { self.line }?.stop()
    lock.withLock { self.line = line }
    follow(engine)
  }

  /// Watches the inboxes `engine` syncs now: a colleague covered or Any staff turned on since opens its socket.
  public func follow(_ engine: SyncEngine) {
    lock.withLock { line }?.watch(Set(((try? engine.feedStaff()) ?? []).map(NewsLine.channel(forFeed:))))
  }

  public func stop() { lock.withLock { line }?.stop() }
}
