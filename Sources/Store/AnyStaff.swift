import Foundation
import GRDB

/// Any staff (Canvas's "any staff" filter): every patient's message to any colleague. Canvas has no search for
/// "to any practitioner" (reference §4.2), so it is a walk of every Communication of the practice — synced only
/// once the clinician asked for it, which the cache remembers.
extension Store {
  static let anyStaffKey = "any_staff"

  public func syncsAnyStaff() throws -> Bool { try syncValue(Self.anyStaffKey) == "on" }

  public func setSyncsAnyStaff(_ on: Bool) throws { try setSyncValue(Self.anyStaffKey, on ? "on" : "off") }
}
