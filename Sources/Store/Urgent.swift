import Foundation
import GRDB

extension Store {
  /// When the red-flag lexicon is not the one the cache's Urgent view was made with (the clinic added phrases),
  /// the view is worked out again over every message: once, at the first open after the change.
  func markUrgent() throws {
    let key = "red_flags"
    guard try syncValue(key) != redFlags.fingerprint else { return }
    try write { db in
      try ViewIndex.reindex(.urgent, db)
      try Self.setSyncValue(key, redFlags.fingerprint, in: db)
    }
  }
}
