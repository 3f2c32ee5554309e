import Foundation
import GRDB

/// Awaiting reply, kept by SQLite: one row of `thread_wait` a patient, with the newest time staff answered the
/// thread (`touch`) and the patient's messages after it that nobody has answered: the oldest one's time (`since`,
/// when the wait began) and the newest one (`mid`, the row the view shows).
///
/// Staff answered when a clinician's message reached (or is on its way to) the patient, when a patient's words
/// taken by phone were recorded by a clinician (someone spoke with them and passed it on), or when a patient's
/// message was marked done. A patient's message sent in the same second as the answer counts as answered.
enum Awaiting {
  /// A message that answers its thread (over `m`).
  static let touch = """
    (m.sent IS NOT NULL AND m.delivery IS NOT 'draft' AND m.delivery IS NOT 'task' AND (
      (m.sender_kind = 'staff' AND (m.delivery IN ('queued', 'sending', 'checking', 'sent')
        OR (m.delivery IS NULL AND m.status IS NOT 'preparation' AND m.status IS NOT 'in-progress')))
      OR (m.sender_kind = 'patient' AND (m.recorded_by IS NOT NULL OR m.done_at IS NOT NULL))))
    """
  /// A patient's message that waits for an answer when nothing answered it after it was sent (over `m`).
  static let asks = """
    (m.sent IS NOT NULL AND m.sender_kind = 'patient' AND m.delivery IS NOT 'draft' AND m.delivery IS NOT 'task'
      AND m.recorded_by IS NULL AND m.done_at IS NULL)
    """
  static let none = "-1e18"

  /// Works the thread of patient `p` (an SQL expression) out again: its newest answer, found walking back from its
  /// newest message, and the patient's messages after it.
  static func recompute(_ p: String) -> String {
    """
    \(ensureRow(p))
    UPDATE thread_wait SET touch = ifnull((SELECT m.sent FROM message m
      WHERE m.patient_id = \(p) AND \(touch) ORDER BY m.sent DESC LIMIT 1), \(none)) WHERE patient_id = \(p);
    \(waiting(p))
    """
  }

  /// A row for patient `p`, answered never, unless it has one. (Not INSERT OR IGNORE: in a trigger the outer
  /// statement's conflict policy would apply instead.)
  static func ensureRow(_ p: String) -> String {
    """
    INSERT INTO thread_wait (patient_id, touch) SELECT \(p), \(none)
    WHERE NOT EXISTS (SELECT 1 FROM thread_wait WHERE patient_id = \(p));
    """
  }

  /// The wait of `p` from its stored answer on.
  static func waiting(_ p: String) -> String {
    let after = "m.patient_id = \(p) AND \(asks) AND m.sent > thread_wait.touch"
    return """
      UPDATE thread_wait SET
        since = (SELECT min(m.sent) FROM message m WHERE \(after)),
        newest = (SELECT m.sent FROM message m WHERE \(after) ORDER BY m.sent DESC, m.rowid DESC LIMIT 1),
        mid = (SELECT m.rowid FROM message m WHERE \(after) ORDER BY m.sent DESC, m.rowid DESC LIMIT 1)
      WHERE patient_id = \(p);
      """
  }

  /// Whether a message's time (an SQL expression over OLD or NEW) is recent enough to change its thread's wait.
  static func recent(_ row: String) -> String {
    """
    ifnull(\(row).sent, \(none))
      >= ifnull((SELECT touch FROM thread_wait WHERE patient_id = \(row).patient_id), \(none))
    """
  }

  /// Every thread's wait, worked out from the messages alone (a cache from before v14; and what a test holds
  /// the triggers' running account to).
  static let fill = """
    INSERT INTO thread_wait (patient_id, touch)
      SELECT m.patient_id, ifnull(max(CASE WHEN \(touch) THEN m.sent END), \(none)) FROM message m GROUP BY 1;
    \(waiting("thread_wait.patient_id").replacingOccurrences(of: "WHERE patient_id = thread_wait.patient_id", with: ""))
    """

  static func install(_ db: Database) throws {
    try db.execute(sql: """
      CREATE TABLE thread_wait (
        patient_id TEXT PRIMARY KEY NOT NULL, touch REAL NOT NULL, since REAL, newest REAL, mid INTEGER
      );
      CREATE INDEX thread_wait_by_since ON thread_wait(since, mid) WHERE since IS NOT NULL;
      \(fill)
      \(triggers)
      """)
  }

  static let triggerNames = ["wait_asked", "wait_answered", "wait_changed", "wait_removed"]

  /// The triggers that keep each thread's wait as its messages change.
  static var triggers: String {
    let asksNew = asks.replacingOccurrences(of: "m.", with: "NEW.")
    let touchNew = touch.replacingOccurrences(of: "m.", with: "NEW.")
    return """
      -- A patient's new message only adds to the wait (a walk back would be the whole thread each time, for a
      -- thread nobody ever answered); a new answer works the wait out again.
      CREATE TRIGGER wait_asked AFTER INSERT ON message WHEN \(asksNew) BEGIN
        \(ensureRow("NEW.patient_id"))
        UPDATE thread_wait SET since = min(ifnull(since, NEW.sent), NEW.sent),
          mid = CASE WHEN newest IS NULL OR NEW.sent >= newest THEN NEW.rowid ELSE mid END,
          newest = CASE WHEN newest IS NULL OR NEW.sent >= newest THEN NEW.sent ELSE newest END
        WHERE patient_id = NEW.patient_id AND NEW.sent > touch;
      END;
      CREATE TRIGGER wait_answered AFTER INSERT ON message WHEN \(touchNew) AND \(recent("NEW")) BEGIN
        \(recompute("NEW.patient_id"))
      END;
      CREATE TRIGGER wait_changed
      AFTER UPDATE OF patient_id, sender, sent, status, done_at, delivery, recorded_by ON message
      WHEN \(recent("OLD")) OR \(recent("NEW")) BEGIN
        \(recompute("OLD.patient_id"))
        \(recompute("NEW.patient_id"))
      END;
      CREATE TRIGGER wait_removed AFTER DELETE ON message WHEN \(recent("OLD")) BEGIN
        \(recompute("OLD.patient_id"))
      END;
      """
  }
}
