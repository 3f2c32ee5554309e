import Foundation
import GRDB

/// Any staff (Canvas's "any staff" filter): every patient's message to any colleague. Canvas has no search for
/// "to any practitioner" (reference §4.2), so it is a walk of every Communication of the practice — synced only
/// once the clinician asked for it, which the cache remembers.
extension Store {
  static let anyStaffKey = "any_staff"

  public func syncsAnyStaff() throws -> Bool { try syncValue(Self.anyStaffKey) == "on" }

  /// Turns Any staff on or off; its view's rows are worked out again at once (at a million messages, seconds —
  /// once, when the clinician asks).
  public func setSyncsAnyStaff(_ on: Bool) throws {
    try write { db in
      try Self.setSyncValue(Self.anyStaffKey, on ? "on" : "off", in: db)
      try ViewIndex.reindex(.anyStaff, db)
    }
  }
}
