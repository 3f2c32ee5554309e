import Clinic
import GRDB

/// v11 on: the view index, the search index, Awaiting reply and Urgent, and a reference's columns. Never edit a
/// shipped migration: add the next one.
extension Migrations {
  static func registerViewsAndSearch(_ m: inout DatabaseMigrator) {
    m.registerMigration("v11: the views each message is in, and their counts by day") { db in
      try ReferenceColumns.ensure(db)   // what the index's triggers read (v17 adds them to an older cache)
      try ViewIndex.install(db)
    }
    m.registerMigration("v12: the search index holds text folded for search") { db in
      // Contentless: the index holds the folded text's trigrams only (the text itself is in `message`). A row's
      // entry is removed by giving its folded text again, which the fold gives the same every time.
      try db.execute(sql: """
        DROP TRIGGER IF EXISTS __message_ft_ai;
        DROP TRIGGER IF EXISTS __message_ft_ad;
        DROP TRIGGER IF EXISTS __message_ft_au;
        DROP TABLE message_ft;
        CREATE VIRTUAL TABLE message_ft USING fts5(text, content = '', tokenize = 'trigram');
        INSERT INTO message_ft (rowid, text) SELECT rowid, clinbox_fold(text) FROM message;
        CREATE TRIGGER message_ft_added AFTER INSERT ON message BEGIN
          INSERT INTO message_ft (rowid, text) VALUES (NEW.rowid, clinbox_fold(NEW.text));
        END;
        CREATE TRIGGER message_ft_removed AFTER DELETE ON message BEGIN
          INSERT INTO message_ft (message_ft, rowid, text) VALUES ('delete', OLD.rowid, clinbox_fold(OLD.text));
        END;
        CREATE TRIGGER message_ft_changed AFTER UPDATE OF text ON message BEGIN
          INSERT INTO message_ft (message_ft, rowid, text) VALUES ('delete', OLD.rowid, clinbox_fold(OLD.text));
          INSERT INTO message_ft (rowid, text) VALUES (NEW.rowid, clinbox_fold(NEW.text));
        END;
        """)
    }
    m.registerMigration("v13: messages are indexed for search in batches") { db in
      // A trigram index grows by a segment each transaction: indexing a page of 100 messages at a time cost a
      // sync four times what storing them did. New and changed texts wait in `search_pending` (searched row by
      // row until then) and go into the index thousands at a time (`indexPendingSearch`, after each sync).
      try db.execute(sql: """
        CREATE TABLE search_pending (rowid INTEGER PRIMARY KEY);
        DROP TRIGGER message_ft_added;
        DROP TRIGGER message_ft_removed;
        DROP TRIGGER message_ft_changed;
        CREATE TRIGGER message_ft_added AFTER INSERT ON message BEGIN
          INSERT INTO search_pending (rowid) SELECT NEW.rowid
          WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE rowid = NEW.rowid);
        END;
        CREATE TRIGGER message_ft_removed AFTER DELETE ON message BEGIN
          INSERT INTO message_ft (message_ft, rowid, text) SELECT 'delete', OLD.rowid, clinbox_fold(OLD.text)
          WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE rowid = OLD.rowid);
          DELETE FROM search_pending WHERE rowid = OLD.rowid;
        END;
        CREATE TRIGGER message_ft_changed AFTER UPDATE OF text ON message BEGIN
          INSERT INTO message_ft (message_ft, rowid, text) SELECT 'delete', OLD.rowid, clinbox_fold(OLD.text)
          WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE rowid = OLD.rowid);
          INSERT INTO search_pending (rowid) SELECT NEW.rowid
          WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE rowid = NEW.rowid);
        END;
        """)
    }
    m.registerMigration("v14: urgent by red-flag phrases, threads awaiting reply") { db in
      try ReferenceColumns.ensure(db)
      try ViewIndex.addUrgent(db)
      try Awaiting.install(db)
    }
    m.registerMigration("v15: a routing's instructions") { db in
      // The note a routing carries to its colleague (the Task's comments but the link), read at every sync.
      try db.execute(sql: "ALTER TABLE task ADD COLUMN note TEXT")
    }
    m.registerMigration("v16: an app's received stamp is not a read") { db in
      // A patient's message an app created with `received` equal to `sent` (Canvas's demo patient app does) was
      // taken as read: unread again, as a sync now stores it (`SyncedMessage.readByAPerson`). The view index's
      // triggers put it back in Unread.
      try ReferenceColumns.ensure(db)
      try db.execute(sql: """
        UPDATE message SET received = NULL
        WHERE sender_kind = 'patient' AND received IS NOT NULL AND sent IS NOT NULL AND delivery IS NULL
          AND julianday(received) IS NOT NULL AND abs((julianday(received) - 2440587.5) * 86400.0 - sent) <= 5
        """)
    }
    m.registerMigration("v17: a reference's kind and id in columns of their own") { db in
      // Each view's and Awaiting reply's triggers read a party's kind from its column, not its reference's text.
      // Installed again over the same views: which messages are in them does not change.
      try ReferenceColumns.ensure(db)
      for name in ViewIndex.triggerNames + Awaiting.triggerNames { try db.execute(sql: "DROP TRIGGER \(name)") }
      try db.execute(sql: ViewIndex.triggers(views: InboxView.allCases, changes: ViewIndex.changes))
      try db.execute(sql: Awaiting.triggers)
    }
  }
}
