import GRDB
import Clinic

/// Versioned schema. Never edit a shipped migration: add the next one.
enum Migrations {
  static var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    m.registerMigration("v1: messages, people, sync state") { db in
      try db.execute(sql: """
        CREATE TABLE message (
          id TEXT PRIMARY KEY NOT NULL,
          patient_id TEXT NOT NULL,
          sender TEXT NOT NULL,            -- Patient/<id> or Practitioner/<id>
          recipient TEXT NOT NULL,
          sent REAL,                       -- seconds since 1970, UTC
          received TEXT,                   -- as the server sent it; NULL = unread on the server
          status TEXT,
          text TEXT NOT NULL,              -- plain text, as shown
          read_at REAL,                    -- read here (local); the server cannot record it on Canvas
          raw TEXT NOT NULL,               -- the resource JSON as the server sent it
          synced_at REAL NOT NULL
        );
        CREATE INDEX message_by_sent ON message(sent DESC, id DESC);
        CREATE INDEX message_by_patient ON message(patient_id, sent);
        CREATE INDEX message_by_recipient ON message(recipient, sent DESC);
        CREATE INDEX message_by_sender ON message(sender, sent DESC);

        CREATE TABLE patient (
          id TEXT PRIMARY KEY NOT NULL,
          given TEXT NOT NULL,
          family TEXT NOT NULL,
          nickname TEXT,
          birth_date TEXT,
          gender TEXT,
          raw TEXT NOT NULL,
          synced_at REAL NOT NULL
        );

        CREATE TABLE practitioner (
          id TEXT PRIMARY KEY NOT NULL,
          name TEXT NOT NULL,
          email TEXT,
          roles TEXT NOT NULL,             -- comma-separated role codes
          active INTEGER NOT NULL,
          raw TEXT NOT NULL,
          synced_at REAL NOT NULL
        );

        CREATE TABLE sync_state (
          key TEXT PRIMARY KEY NOT NULL,
          value TEXT NOT NULL
        );
        """)
    }
    m.registerMigration("v2: outbox, delivery state, followed patients") { db in
      try db.execute(sql: """
        CREATE TABLE outbox (
          id INTEGER PRIMARY KEY AUTOINCREMENT,   -- the order writes are pushed in
          kind TEXT NOT NULL,                     -- 'message'
          patient_id TEXT NOT NULL,
          sender TEXT NOT NULL,
          recipient TEXT NOT NULL,
          text TEXT NOT NULL,
          sent TEXT NOT NULL,                     -- the instant clinbox set: how a retry finds its message
          identifier TEXT NOT NULL,               -- urn:uuid for servers with conditional create
          state TEXT NOT NULL,                    -- queued | sending | sent | failed
          may_exist INTEGER NOT NULL DEFAULT 0,   -- an earlier attempt may have reached the server
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          next_attempt REAL NOT NULL DEFAULT 0,
          server_id TEXT,
          created_at REAL NOT NULL,
          updated_at REAL NOT NULL
        );
        CREATE INDEX outbox_pending ON outbox(state, id);
        ALTER TABLE message ADD COLUMN delivery TEXT;      -- NULL for messages that came from the server
        CREATE TABLE followed_patient (
          patient_id TEXT PRIMARY KEY NOT NULL,
          opened_at REAL NOT NULL
        );
        """)
    }
    m.registerMigration("v3: triage — done, read toggles, routing tasks, staff flags, recent picks") { db in
      try db.execute(sql: """
        ALTER TABLE message ADD COLUMN done_at REAL;
        ALTER TABLE message ADD COLUMN marked_unread INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE practitioner ADD COLUMN schedulable INTEGER;   -- NULL: not known yet
        CREATE TABLE task (
          id TEXT PRIMARY KEY NOT NULL,          -- the server's id, or outbox-<n> until it has one
          message_id TEXT,                       -- the focus Communication
          patient_id TEXT,
          owner TEXT,                            -- Practitioner/<id>
          requester TEXT,
          status TEXT NOT NULL,                  -- requested | completed | cancelled
          description TEXT NOT NULL,
          raw TEXT NOT NULL,
          updated_at REAL NOT NULL
        );
        CREATE INDEX task_by_message ON task(message_id, status);
        CREATE INDEX task_by_owner ON task(owner, status);
        CREATE TABLE recent_pick (
          practitioner_id TEXT PRIMARY KEY NOT NULL,
          picked_at REAL NOT NULL
        );
        ALTER TABLE outbox ADD COLUMN payload TEXT;   -- the resource JSON for writes other than messages
        """)
    }
    m.registerMigration("v4: full-text search of message text") { db in
      // Trigram tokens find any 3+ character part of a word in any script (CJK included); shorter
      // queries fall back to LIKE. External content: the text is stored once, in `message`.
      try db.create(virtualTable: "message_ft", using: FTS5()) { t in
        t.synchronize(withTable: "message")
        t.tokenizer = FTS5TokenizerDescriptor(components: ["trigram"])
        t.column("text")
      }
    }
    m.registerMigration("v5: delivery of sent messages to the patient's app (webhook)") { db in
      try db.execute(sql: """
        CREATE TABLE delivery (
          id TEXT PRIMARY KEY NOT NULL,          -- the delivery id header: the same on every attempt
          message_id TEXT NOT NULL UNIQUE,       -- one delivery per message, ever
          url TEXT NOT NULL,
          state TEXT NOT NULL,                   -- queued | delivered | failed
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          next_attempt REAL NOT NULL DEFAULT 0,
          delivered_at REAL,
          created_at REAL NOT NULL
        );
        CREATE INDEX delivery_pending ON delivery(state, next_attempt);
        """)
    }
    m.registerMigration("v6: drafts") { db in
      // A draft is a message row (delivery 'draft', id draft-<n>) so that lists, threads and the Drafts view
      // need nothing new; the cursor is kept so a draft opens where it was left.
      try db.execute(sql: """
        ALTER TABLE message ADD COLUMN draft_cursor INTEGER;
        CREATE TABLE draft_seq (n INTEGER PRIMARY KEY AUTOINCREMENT, made_at REAL NOT NULL);
        """)
    }
    m.registerMigration("v7: index of drafts and writes in flight") { db in
      // Lets the All view's count subtract drafts from COUNT(*) instead of testing every row.
      try db.execute(sql: "CREATE INDEX message_by_delivery ON message(delivery) WHERE delivery IS NOT NULL")
    }
    m.registerMigration("v8: the patient's medical record number") { db in
      try db.execute(sql: "ALTER TABLE patient ADD COLUMN mrn TEXT")
      // Patients cached before keep their resource: their number is read from it, not fetched again.
      try db.execute(sql: """
        UPDATE patient SET mrn = (SELECT json_extract(i.value, '$.value') FROM json_each(patient.raw, '$.identifier') i
          WHERE json_extract(i.value, '$.system') = 'http://canvasmedical.com'
             OR EXISTS (SELECT 1 FROM json_each(i.value, '$.type.coding') c
                        WHERE json_extract(c.value, '$.code') = 'MR')
          LIMIT 1)
        WHERE json_valid(patient.raw)
        """)
    }
    m.registerMigration("v9: check-in forms and check-ins") { db in
      // Questionnaires and QuestionnaireResponses, kept whole as the server sent them; the columns are what the
      // screens look up by (a patient's check-ins, newest first).
      try db.execute(sql: """
        CREATE TABLE checkin_form (
          id TEXT PRIMARY KEY, name TEXT NOT NULL, raw TEXT NOT NULL, synced_at REAL NOT NULL
        );
        CREATE TABLE checkin (
          id TEXT PRIMARY KEY, patient_id TEXT NOT NULL, form_id TEXT NOT NULL, authored REAL NOT NULL,
          status TEXT NOT NULL, raw TEXT NOT NULL, synced_at REAL NOT NULL
        );
        CREATE INDEX checkin_by_patient ON checkin(patient_id, authored);
        """)
    }
    m.registerMigration("v10: patients' messages recorded here") { db in
      // A patient's words taken by phone and recorded by a clinician: who recorded them is known here only.
      try db.execute(sql: """
        ALTER TABLE outbox ADD COLUMN recorded_by TEXT;
        ALTER TABLE message ADD COLUMN recorded_by TEXT;
        """)
    }
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
    return m
  }
}
