import Clinic
import FHIRMapping
import GRDB

/// A reference's kind and id in columns of their own (v17), so that no query matches a reference's text: SQLite
/// makes them from the reference the server sent (`ReferenceSQL`), kept whole beside them. Virtual: adding them
/// rewrites no row of a million-message cache, and a row never disagrees with its reference.
enum ReferenceColumns {
  /// The message's parties and the routing's people, each reference column with the columns made from it.
  static let made: [(table: String, reference: String, kind: Bool)] = [
    ("message", "sender", true), ("message", "recipient", true),
    ("task", "owner", false), ("task", "requester", false),
  ]

  /// Adds the columns a cache lacks. The view index and Awaiting reply read them, so every migration that
  /// installs their triggers calls this first: a cache made before v17 gets them there.
  static func ensure(_ db: Database) throws {
    for (table, reference, kind) in made {
      let have = try String.fetchSet(db, sql: "SELECT name FROM pragma_table_xinfo(?)", arguments: [table])
      guard have.contains(reference) else { continue }   // the table comes in a later migration
      if kind, !have.contains("\(reference)_kind") {
        try db.execute(sql: """
          ALTER TABLE \(table) ADD COLUMN \(reference)_kind TEXT \
          GENERATED ALWAYS AS (\(ReferenceSQL.kind(of: reference))) VIRTUAL
          """)
      }
      if !have.contains("\(reference)_id") {
        try db.execute(sql: """
          ALTER TABLE \(table) ADD COLUMN \(reference)_id TEXT \
          GENERATED ALWAYS AS (\(ReferenceSQL.id(of: reference))) VIRTUAL
          """)
      }
    }
  }
}

extension Party {
  /// A party read back from its columns: kind and id, and the reference for a kind the clinic does not act on.
  init(kind: String, id: String, reference: String) {
    switch kind {
    case "patient": self = .patient(id: PatientID(rawValue: id))
    case "staff": self = .staff(id: StaffID(rawValue: id))
    default: self = .other(reference: reference)
    }
  }
}
