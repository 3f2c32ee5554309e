import GRDB
import Foundation

/// Which views each message is in, kept by SQLite itself: triggers on `message` and `task` recompute a message's
/// rows of `view_row` whenever it (or a routing of it) changes, and triggers on `view_row` keep `view_bucket`, the
/// number of rows of each view, owner and day. A view's count is the sum of its days (a few thousand rows at most);
/// a page at any position is found by summing days to the one that holds it and reading on from there by key —
/// so the first, the middle and the last page of a million cost the same, and no write can forget a count.
///
/// An owner is the practitioner a per-person view is about (the recipient for Unread and Mine, the sender for
/// Sent, the routing's owner for Routed to me); views that are nobody's have the owner ''.
enum ViewIndex {
  /// A view's number in `view_row` (stored; never renumber).
  static func code(_ view: InboxView) -> Int {
    switch view {
    case .unread: return 1
    case .mine: return 2
    case .routed: return 3
    case .unassigned: return 4
    case .sent: return 5
    case .outbox: return 6
    case .done: return 7
    case .drafts: return 8
    case .all: return 9
    case .urgent: return 10
    // Not in the index: Awaiting reply and Routed by me are read from their own tables, a covered inbox is
    // Mine of its colleague.
    case .awaiting: return 11
    case .routedByMe: return 12
    case .covering: return 13
    case .anyStaff: return 14
    }
  }

  /// The views the index held when it was made (v11); v14 added Urgent and Any staff.
  static let firstViews: [InboxView] = [.unread, .mine, .routed, .unassigned, .sent, .outbox, .done, .drafts, .all]

  /// The views whose rows belong to a practitioner (a query needs `me` to be read from the index).
  static let owned: Set<InboxView> = [.unread, .mine, .routed, .sent]

  /// A message's sort key in the index: its sent time, a message without one (or from before 1970) at the end;
  /// messages sent the same second go by the order they were cached in (the rowid), newest first.
  static let key = "max(ifnull(m.sent, 0), 0)"

  /// The day a key falls in: what `view_bucket` counts by.
  static func day(_ sent: Double) -> Int64 { Int64(sent) / 86_400 }

  /// Whether Any staff is synced (`Store.setSyncsAnyStaff`).
  static let anyStaffOn = "EXISTS (SELECT 1 FROM sync_state WHERE key = 'any_staff' AND value = 'on')"

  /// For each view: who owns a row (an SQL expression over `m`, or over `t` the open routing for Routed) and
  /// which messages are in it — made from `ViewDefinition`, as the queries over `message` are.
  static var membership: [(view: InboxView, owner: String?, condition: String)] {
    ViewDefinition.all.map { ($0.view, $0.ownerColumn, $0.membership) }
  }

  /// An owner's number (`view_owner`; 0 is nobody's), as an SQL expression over its reference.
  static func ownerNumber(_ reference: String?) -> String {
    reference.map { "(SELECT n FROM view_owner WHERE ref = \($0))" } ?? "0"
  }

  /// The rows of every view for the messages `filter` picks (an SQL condition over `m`).
  static func rowsSQL(where filter: String, views: [InboxView] = InboxView.allCases) -> String {
    membership.filter { views.contains($0.view) }.map { v in
      let columns = "\(code(v.view)), \(ownerNumber(v.owner)), \(key), m.rowid"
      if v.view == .routed {
        return """
          SELECT DISTINCT \(columns) FROM message m
          JOIN task t ON t.message_id = m.id AND t.status = 'requested' AND t.owner IS NOT NULL
          WHERE \(filter) AND \(v.condition)
          """
      }
      return "SELECT \(columns) FROM message m WHERE \(filter) AND \(v.condition)"
    }.joined(separator: "\nUNION ALL ")
  }

  /// The practitioners the messages `filter` picks can belong to, numbered. (Not INSERT OR IGNORE: in a trigger
  /// the outer statement's conflict policy — an upsert's — would apply instead.)
  static func ownersSQL(where filter: String) -> String {
    """
    INSERT INTO view_owner (ref) SELECT ref FROM (
      SELECT m.recipient AS ref FROM message m WHERE \(filter) AND m.recipient_kind = 'staff'
      UNION SELECT m.sender FROM message m WHERE \(filter) AND m.sender_kind = 'staff'
      UNION SELECT t.owner FROM message m JOIN task t ON t.message_id = m.id WHERE \(filter) AND t.owner IS NOT NULL
    ) WHERE ref NOT IN (SELECT ref FROM view_owner);
    """
  }

  /// Recomputes one message's rows (`id` is an SQL expression: NEW.id in a trigger).
  static func recompute(_ id: String, views: [InboxView]) -> String {
    """
    \(ownersSQL(where: "m.id = \(id)"))
    DELETE FROM view_row WHERE mid = (SELECT rowid FROM message WHERE id = \(id));
    INSERT INTO view_row (view, owner, sent, mid) \(rowsSQL(where: "m.id = \(id)", views: views));
    """
  }

  /// Creates the index, fills it from the messages already cached, and installs the triggers that keep it.
  static func install(_ db: Database) throws {
    let views = firstViews
    try db.execute(sql: """
      CREATE TABLE view_owner (n INTEGER PRIMARY KEY, ref TEXT NOT NULL UNIQUE);
      INSERT INTO view_owner (n, ref) VALUES (0, '');
      CREATE TABLE view_row (
        view INTEGER NOT NULL, owner INTEGER NOT NULL, sent REAL NOT NULL, mid INTEGER NOT NULL,
        PRIMARY KEY (view, owner, sent, mid)
      ) WITHOUT ROWID;
      CREATE INDEX view_row_by_message ON view_row(mid);
      CREATE TABLE view_bucket (
        view INTEGER NOT NULL, owner INTEGER NOT NULL, day INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (view, owner, day)
      ) WITHOUT ROWID;
      \(ownersSQL(where: "1"))
      INSERT INTO view_row (view, owner, sent, mid) \(rowsSQL(where: "1", views: views));
      INSERT INTO view_bucket (view, owner, day, n)
        SELECT view, owner, CAST(sent AS INTEGER) / 86400, COUNT(*) FROM view_row GROUP BY 1, 2, 3;
      -- Pages and positions go by (sent, rowid): an index on the time alone orders them so.
      DROP INDEX message_by_sent;
      CREATE INDEX message_by_time ON message(sent);

      CREATE TRIGGER view_row_added AFTER INSERT ON view_row BEGIN
        INSERT INTO view_bucket (view, owner, day, n) VALUES (NEW.view, NEW.owner, CAST(NEW.sent AS INTEGER) / 86400, 1)
        ON CONFLICT (view, owner, day) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER view_row_removed AFTER DELETE ON view_row BEGIN
        UPDATE view_bucket SET n = n - 1
        WHERE view = OLD.view AND owner = OLD.owner AND day = CAST(OLD.sent AS INTEGER) / 86400;
        DELETE FROM view_bucket
        WHERE view = OLD.view AND owner = OLD.owner AND day = CAST(OLD.sent AS INTEGER) / 86400 AND n <= 0;
      END;

      \(triggers(views: views, changes: firstChanges))
      """)
  }

  /// The triggers that keep a message's rows of `views` as it and its routings change (`changes`: the message's
  /// columns that can move it between views).
  static func triggers(views: [InboxView], changes: String) -> String {
    """
      CREATE TRIGGER message_views_added AFTER INSERT ON message BEGIN
        \(recompute("NEW.id", views: views))
      END;
      CREATE TRIGGER message_views_changed
      AFTER UPDATE OF \(changes) ON message
      BEGIN
        DELETE FROM view_row WHERE mid = OLD.rowid;
        \(recompute("NEW.id", views: views))
      END;
      CREATE TRIGGER message_views_removed AFTER DELETE ON message BEGIN
        DELETE FROM view_row WHERE mid = OLD.rowid;
      END;

      CREATE TRIGGER task_views_added AFTER INSERT ON task WHEN NEW.message_id IS NOT NULL BEGIN
        \(recompute("NEW.message_id", views: views))
      END;
      CREATE TRIGGER task_views_changed AFTER UPDATE OF message_id, owner, status ON task BEGIN
        \(recompute("OLD.message_id", views: views))
        \(recompute("NEW.message_id", views: views))
      END;
      CREATE TRIGGER task_views_removed AFTER DELETE ON task WHEN OLD.message_id IS NOT NULL BEGIN
        \(recompute("OLD.message_id", views: views))
      END;
    """
  }

  /// The message's columns that could move it between views when the index was made (v11).
  static let firstChanges = "id, sender, recipient, sent, received, status, read_at, marked_unread, done_at, delivery"

  /// The message's columns that can move it between views (v14 on: its text too, for Urgent).
  static let changes = "id, sender, recipient, sent, received, status, read_at, marked_unread, done_at, delivery, text"

  static let triggerNames = ["message_views_added", "message_views_changed", "message_views_removed",
                             "task_views_added", "task_views_changed", "task_views_removed"]

  /// v14: Urgent and Any staff join the index; a message's text can now move it between views.
  static func addUrgent(_ db: Database) throws {
    for name in triggerNames { try db.execute(sql: "DROP TRIGGER \(name)") }
    try db.execute(sql: triggers(views: InboxView.allCases, changes: changes))
    try reindex(.urgent, db)
    try reindex(.anyStaff, db)
  }

  /// Works one view's rows out again for every message (the red-flag lexicon changed).
  static func reindex(_ view: InboxView, _ db: Database) throws {
    try db.execute(sql: "DELETE FROM view_row WHERE view = ?", arguments: [code(view)])
    try db.execute(sql: "INSERT INTO view_row (view, owner, sent, mid) \(rowsSQL(where: "1", views: [view]))")
  }
}
