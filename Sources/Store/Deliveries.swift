import Foundation
import GRDB

/// A sent message's delivery to the patient's app through the webhook.
public struct Delivery: Equatable, Sendable {
  /// The row's own key (the receiver sees the message's id instead, `X-Clinbox-Delivery`).
  public var id: String
  public var messageID: MessageID
  public var url: String
  public var state: String
  public var attempts: Int
  public var lastError: String?
}

extension Store {
  static func queueDelivery(messageID: MessageID, url: URL, in db: Database, at now: Date) throws {
    try db.execute(sql: """
      INSERT INTO delivery (id, message_id, url, state, created_at) VALUES (?, ?, ?, 'queued', ?)
      ON CONFLICT(message_id) DO NOTHING
      """, arguments: [UUID().uuidString.lowercased(), messageID, url.absoluteString, now.timeIntervalSince1970])
  }

  /// Deliveries to make now, oldest first.
  public func dueDeliveries(at now: Date) throws -> [Delivery] {
    try read { db in
      let c = DeliveryRow.Columns.self
      return try DeliveryRow.filter(c.state == "queued" && c.nextAttempt <= now.timeIntervalSince1970)
        .order(c.createdAt).fetchAll(db).map(\.delivery)
    }
  }

  public func pendingDeliveries() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM delivery WHERE state = 'queued'") ?? 0 }
  }

  public func delivery(forMessage id: MessageID) throws -> Delivery? {
    try read { db in try DeliveryRow.filter(DeliveryRow.Columns.messageID == id).fetchOne(db)?.delivery }
  }

  /// The app has it (a 2xx): never sent again.
  public func markDeliveryDone(_ id: String, at now: Date) throws {
    try write { db in
      try db.execute(sql: "UPDATE delivery SET state = 'delivered', delivered_at = ?, attempts = attempts + 1, "
                     + "last_error = NULL WHERE id = ?",
                     arguments: [now.timeIntervalSince1970, id])
    }
  }

  /// Not yet: try again at `next`, or give up after `maxAttempts`.
  public func markDeliveryRetry(_ id: String, error: String, next: Date, maxAttempts: Int = 12) throws {
    try write { db in
      try db.execute(sql: """
        UPDATE delivery SET attempts = attempts + 1, last_error = ?, next_attempt = ?,
          state = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'queued' END
        WHERE id = ?
        """, arguments: [error, next.timeIntervalSince1970, maxAttempts, id])
    }
  }

}
