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
    registerViewsAndSearch(&m)
    OutboxIntentMigration.register(&m)
    return m
  }
}
