import Foundation
import GRDB

extension Store {
  /// The tables the screens show: messages, their patients and staff, routing tasks and app deliveries. Sync's own
  /// bookkeeping (marks, followed patients, recent picks) is not watched, so an idle sync cycle costs no re-read.
  static let shownTables = ["message", "patient", "practitioner", "task", "delivery", "outbox"]

  /// Calls `onChange` after every commit of this process that touched what the screens show — a sync page, a triage
  /// step, the outbox — on the writing thread, before the write returns. Another process's commits are not seen
  /// this way (SQLite tells a connection only of its own): `ChangeWatch` notices those.
  /// The observation lasts as long as the returned token is kept. An error ends it: `onError` says so (the screen
  /// would otherwise stop following this process's own writes without a word).
  public func observeShownChanges(onError: @escaping @Sendable (Error) -> Void = { _ in },
                                  _ onChange: @escaping @Sendable () -> Void) throws -> AnyObject {
    let observation = DatabaseRegionObservation(tracking: Self.shownTables.map { Table($0) })
    let cancellable = try observation.start(in: pool, onError: onError, onChange: { _ in onChange() })
    return ObservationToken(cancellable)
  }
}

/// Keeps an observation running until released.
final class ObservationToken {
  let cancellable: AnyDatabaseCancellable
  init(_ cancellable: AnyDatabaseCancellable) { self.cancellable = cancellable }
  deinit { cancellable.cancel() }
}
