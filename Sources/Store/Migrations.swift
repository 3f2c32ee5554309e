import GRDB

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
    return m
  }
}
