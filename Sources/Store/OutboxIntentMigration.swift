import Clinic
import FHIRMapping
import GRDB

/// v18: the outbox keeps what a clinician meant. Until v17 a routing, a routing's status and a check-in were kept
/// as the resource to send; each entry not yet sent is read back into its intent here, so a write queued before
/// the upgrade goes out as it would have. An entry that cannot be read keeps its old text and fails with a reason
/// the clinician sees, never silently.
enum OutboxIntentMigration {
  static let identifier = "v18: the outbox keeps what the clinician meant"

  static func register(_ m: inout DatabaseMigrator) {
    m.registerMigration(identifier) { db in
      try db.execute(sql: "ALTER TABLE outbox ADD COLUMN intent TEXT")
      let waiting = try Row.fetchAll(db, sql: """
        SELECT id, kind, payload FROM outbox
        WHERE kind != 'message' AND payload IS NOT NULL AND state IN ('queued', 'sending', 'failed')
        """)
      for row in waiting {
        let id: Int64 = row["id"]
        if let intent = intent(kind: row["kind"], kept: row["payload"]) {
          try db.execute(sql: "UPDATE outbox SET intent = ? WHERE id = ?", arguments: [intent.kept, id])
        } else {
          try db.execute(sql: """
            UPDATE outbox SET state = 'failed', last_error = 'kept by an older clinbox and could not be read'
            WHERE id = ?
            """, arguments: [id])
          try Store.checkInFailed(id, in: db)
        }
      }
    }
  }

  /// What an entry an older clinbox kept as a resource meant.
  static func intent(kind: String, kept: String) -> OutboxIntent? {
    switch OutboxKind(rawValue: kind) {
    case .task: return RoutingWrite.intent(kept: kept).map(OutboxIntent.routing)
    case .taskStatus: return TaskStatusWrite.intent(kept: kept).map(OutboxIntent.routingStatus)
    case .checkIn: return CheckInWrite.intent(kept: kept).map(OutboxIntent.checkIn)
    case .message, .read, nil: return nil
    }
  }
}
