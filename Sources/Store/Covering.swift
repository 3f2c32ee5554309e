import Foundation
import GRDB
import Clinic
import FHIRMapping

/// The colleagues whose inboxes are covered from the inbox (`:cover`), kept in the cache so that the next sync and
/// the next start cover them too. (The config's and `--cover`'s come from the settings each time.)
extension Store {
  static let coverKey = "cover"

  public func coveredColleagues() throws -> [StaffID] {
    (try syncValue(Self.coverKey) ?? "").split(separator: " ").compactMap { Party(reference: String($0)).staffID }
  }

  /// Everyone covered: `configured` (the profile's and `--cover`'s) then those chosen in the inbox, each once.
  public func coveredColleagues(adding configured: [StaffID]) throws -> [StaffID] {
    var out: [StaffID] = []
    for c in configured + (try coveredColleagues()) where !out.contains(c) { out.append(c) }
    return out
  }

  /// Covers `colleague`, or stops covering them. (Kept as references, as caches before v17 keep them.)
  public func setCovering(_ colleague: StaffID, _ covering: Bool) throws {
    let colleague = colleague.reference
    try write { db in
      var list = (try String.fetchOne(db, sql: "SELECT value FROM sync_state WHERE key = ?", arguments: [Self.coverKey])
        ?? "").split(separator: " ").map(String.init)
      list.removeAll { $0 == colleague }
      if covering { list.append(colleague) }
      try Self.setSyncValue(Self.coverKey, list.joined(separator: " "), in: db)
    }
  }
}
