import Foundation
import GRDB

/// One transaction's writes of what a sync brings: a page of messages with the people it names, the staff, the
/// routing Tasks, and sync's marks — all or nothing. Takes the clinic's types only; the FHIR mapping is done
/// before (`FHIRMapping`).
public struct CacheWriter {
  let db: Database
  let now: Date

  /// Stores a message. A message the server sends again unchanged is not rewritten (nor re-indexed for search);
  /// the local read time survives.
  public func upsert(_ message: SyncedMessage) throws { try Store.upsert(message, in: db, at: now) }
  public func upsert(_ patient: SyncedPatient) throws { try Store.upsert(patient, in: db, at: now) }
  public func upsert(_ staff: SyncedStaff) throws { try Store.upsert(staff, in: db, at: now) }
  public func upsert(_ task: SyncedTask) throws { try Store.upsert(task, in: db, at: now) }
  public func upsert(_ form: SyncedForm) throws { try Store.upsert(form, in: db, at: now) }
  public func upsert(_ checkIn: SyncedCheckIn) throws { try Store.upsert(checkIn, in: db, at: now) }

  public func setSyncValue(_ key: String, _ value: String) throws { try Store.setSyncValue(key, value, in: db) }

  /// Moves a high-water mark forward (never back).
  public func advanceSyncMark(_ key: String, to date: Date) throws { try Store.advanceSyncMark(key, to: date, in: db) }

  /// Records what a Practitioner search says about schedulability.
  public func setSchedulable(_ ids: [StaffID], _ schedulable: Bool) throws {
    try Store.setSchedulable(ids, schedulable, in: db)
  }
}

extension Store {
  /// Runs `body` in one write transaction, at `now` (the time stored as when each row was synced).
  public func transaction<T>(at now: Date = Date(), _ body: (CacheWriter) throws -> T) throws -> T {
    try write { db in try body(CacheWriter(db: db, now: now)) }
  }

  /// The same, awaited: the write runs on the cache's writer while the caller's task is free to go on (a sync
  /// decodes its next page meanwhile).
  public func asyncTransaction<T: Sendable>(at now: Date = Date(),
                                            _ body: @escaping @Sendable (CacheWriter) throws -> T) async throws -> T {
    try await pool.write { db in try body(CacheWriter(db: db, now: now)) }
  }

  /// Which of the patients and staff a page names are not cached yet.
  public func missing(patients: Set<String>, staff: Set<String>) throws -> (patients: Set<String>, staff: Set<String>) {
    try read { db in (try Self.missingPatients(patients, in: db), try Self.missingPractitioners(staff, in: db)) }
  }
}
