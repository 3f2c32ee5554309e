import Foundation
import GRDB
import Synchronization

/// Whether the cache changed since last asked — by this process or another (a `clinbox sync` or `clinbox send`
/// beside an open inbox). SQLite's `data_version` moves whenever another connection commits; one connection of
/// its own asks, so every commit of the pool and of other processes counts.
public final class ChangeWatch: Sendable {
  private let queue: DatabaseQueue
  private let seen = Mutex<Int?>(nil)

  public init(_ store: Store) throws {
    var config = Configuration()
    config.readonly = true
    config.label = "clinbox-change-watch"
    queue = try DatabaseQueue(path: store.path, configuration: config)
  }

  /// True when a commit landed since the last call (false the first time: nothing was seen before).
  public func changed() -> Bool {
    guard let version = try? queue.inDatabase({ db in try Int.fetchOne(db, sql: "PRAGMA data_version") }) ?? nil else {
      return false
    }
    return seen.withLock { seen in
      defer { seen = version }
      return seen.map { $0 != version } ?? false
    }
  }
}
