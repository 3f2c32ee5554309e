import Foundation
import Clinic
import GRDB

/// What the companion's changes feed needs of the cache: which messages it names are new here, and whose they are.
extension Store {
  /// Which of `ids` the cache does not hold, in the order given.
  public func uncachedMessages(_ ids: [MessageID]) throws -> [MessageID] {
    guard !ids.isEmpty else { return [] }
    let known = try read { db in try Self.known(Set(ids.map(\.rawValue)), in: "message", db) }
    return ids.filter { !known.contains($0.rawValue) }
  }

  /// The patients whose threads hold `ids` (those cached).
  public func patients(ofMessages ids: [MessageID]) throws -> Set<PatientID> {
    guard !ids.isEmpty else { return [] }
    let marks = ids.map { _ in "?" }.joined(separator: ",")
    return try read { db in
      Set(try PatientID.fetchAll(db, sql: "SELECT DISTINCT patient_id FROM message WHERE id IN (\(marks))",
                                 arguments: StatementArguments(ids.map(\.rawValue))))
    }
  }
}
