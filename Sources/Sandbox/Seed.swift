import Foundation
import GRDB
import FHIR

/// Fills a sandbox database with synthetic, deterministic data: the same `seed` gives the same people, ids
/// and texts (message times are relative to the time of seeding, so the demo always looks recent).
enum Seed {
  static let mrnSystem = "http://canvasmedical.com"

  static func run(_ store: SandboxStore, seed: UInt64, messages: Int, now: Date) throws {
    var rng = SeededRandom(seed: seed)
    let staffIDs = SeedData.staff.map { _ in rng.key() }
    let patientCount = max(12, min(400, messages / 8))
    var patients: [(id: String, given: String, family: String)] = []
    try store.pool.write { db in
      for (i, s) in SeedData.staff.enumerated() {
        let id = staffIDs[i]
        let given = s.given.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        let email = "\(given).\(s.family.lowercased())@clinic.example"
        let npi = String(1_000_000_000 + Int(rng.next() % 899_999_999))
        let text = s.suffix.isEmpty ? "\(s.given) \(s.family)" : "\(s.given) \(s.family) \(s.suffix)"
        let p = FHIR.Practitioner(
          id: id, name: [HumanName(use: "usual", text: text, family: s.family, given: [s.given])], active: s.active,
          telecom: [ContactPoint(system: "email", value: email, use: "work")],
          extension: [Extension(url: FHIR.Practitioner.rolesExtension, extension: [
            Extension(url: "code",
                      valueCoding: Coding(system: "http://schemas.canvasmedical.com/fhir/roles", code: s.role)),
          ])])
        var json = p
        json.identifier = [Identifier(system: "http://hl7.org/fhir/sid/us-npi", value: npi)]
        try insertPractitioner(db, [id, text, email, npi, s.active, s.schedulable, try encode(json), i])
      }
      for i in 0..<patientCount {
        let id = rng.key()
        var given = rng.pick(SeedData.givenNames), family = rng.pick(SeedData.familyNames)
        if i < SeedData.wideNames.count { (given, family) = SeedData.wideNames[i] }
        if i == SeedData.wideNames.count { (given, family) = ("Zoë", "Müller") }
        var names = [HumanName(use: "official", family: family, given: [given])]
        if rng.chance(0.3) { names.append(HumanName(use: "nickname", given: [rng.pick(SeedData.nicknames)])) }
        let year = 1940 + Int(rng.next() % 80), month = 1 + Int(rng.next() % 12), day = 1 + Int(rng.next() % 28)
        let birth = String(format: "%04d-%02d-%02d", year, month, day)
        var p = FHIR.Patient(id: id, name: names, gender: rng.pick(["female", "male", "other", "unknown"]),
                             birthDate: birth, active: rng.chance(0.95))
        // As Canvas gives it (reference §4.4): typed MR, Canvas's system.
        let mr = CodeableConcept(coding: [Coding(system: Identifier.typeSystem, code: "MR")])
        p.identifier = [Identifier(use: "usual", type: mr, system: mrnSystem,
                                   value: String(100_000_000 + Int(rng.next() % 899_999_999)))]
        p.contact = contacts(patient: i, family: family)
        try db.execute(sql: "INSERT INTO patient (id, name, family, given, birthdate, json, seq) "
                         + "VALUES (?,?,?,?,?,?,?)",
                       arguments: [id, "\(given) \(family)", family, given, birth, try encode(p), i])
        patients.append((id, given, family))
      }
    }
    try seedCanvasBot(store, seq: SeedData.staff.count)
    try seedMessages(store, count: messages, patients: patients.map(\.id), staffIDs: staffIDs, rng: &rng, now: now)
    try seedQuestionnaires(store, patients: patients.map(\.id), rng: &rng, now: now)
  }

  /// A patient's contacts as Canvas gives them (reference §6), chosen by the patient's place, not by the seed's random
  /// numbers (so every other seeded value stays as it was): every third patient has a parent authorized for
  /// release of information, the next one an emergency contact who is not.
  static func contacts(patient i: Int, family: String) -> [FHIR.Patient.Contact]? {
    let given = SeedData.givenNames[(i * 7) % SeedData.givenNames.count]
    func flag(_ url: String, _ on: Bool) -> Extension { Extension(url: url, valueBoolean: on) }
    switch i % 3 {
    case 0:
      let authorized = Coding(system: "http://schemas.canvasmedical.com/fhir/contact-category", code: "ARI",
                              display: "Authorized for release of information")
      return [.init(name: HumanName(text: "\(given) \(family)"),
                    relationship: [CodeableConcept(coding: [authorized], text: "mother")],
                    telecom: [ContactPoint(system: "phone", value: "555-01\(10 + i % 90)")],
                    extension: [flag(FHIR.Patient.Contact.authorizedExtension, true),
                                flag(FHIR.Patient.Contact.emergencyExtension, true)])]
    case 1:
      return [.init(name: HumanName(text: "\(given) \(family)"), relationship: [CodeableConcept(text: "spouse")],
                    extension: [flag(FHIR.Patient.Contact.authorizedExtension, false),
                                flag(FHIR.Patient.Contact.emergencyExtension, true)])]
    default:
      return nil
    }
  }

  /// Messages both ways between patients and the schedulable, active clinicians, about half of them with the
  /// demo clinician; some unread, some HTML, CJK and emoji, one very long and one hostile.
  static func seedMessages(_ store: SandboxStore, count: Int, patients: [String], staffIDs: [String],
                           rng: inout SeededRandom, now: Date) throws {
    let clinicians = SeedData.staff.indices.filter { SeedData.staff[$0].schedulable && SeedData.staff[$0].active }
      .map { staffIDs[$0] }
    let span = min(3650.0, max(30.0, Double(count) / 10)) * 86_400
    let batch = 50_000
    var made = 0
    // A fresh seed database has nothing to lose: skip the fsyncs while filling it.
    try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
    defer { try? store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") } }
    while made < count {
      try store.pool.write { db in
        let stmt = try db.makeStatement(sql: """
          INSERT INTO communication (id, patient, sender, recipient, sent, received, status, body, updated)
          VALUES (?,?,?,?,?,?,?,?,?)
          """)
        for _ in 0..<min(batch, count - made) {
          let i = made
          made += 1
          let patient = patients[Int(rng.next() % UInt64(patients.count))]
          let hostileOrLong = i >= count - 2 && count >= 3
          // The hostile and the long message go to the demo clinician, so every demo shows them.
          var clinician = rng.chance(0.5) ? clinicians[0] : clinicians[Int(rng.next() % UInt64(clinicians.count))]
          if hostileOrLong { clinician = clinicians[0] }
          let fromPatient = rng.chance(0.6)
          // Oldest first, so that the seq order (ingestion order) is also time order, as in Canvas.
          let sent = now.timeIntervalSince1970 - span * Double(count - i) / Double(count) - Double(rng.next() % 600)
          var body: String
          switch i {
          case count - 1 where count >= 3: body = SeedData.hostileMessage
          case count - 2 where count >= 3: body = SeedData.longMessage
          default:
            let roll = rng.next() % 20
            if roll == 0 { body = rng.pick(SeedData.htmlMessages) }
            else { body = fromPatient ? rng.pick(SeedData.patientMessages) : rng.pick(SeedData.clinicianMessages) }
          }
          var sender = (fromPatient || hostileOrLong) ? "Patient/\(patient)" : "Practitioner/\(clinician)"
          var recipient = (fromPatient || hostileOrLong) ? "Practitioner/\(clinician)" : "Patient/\(patient)"
          // Patient messages are unread when recent; clinicians' messages to patients carry no `received`.
          let unread = (fromPatient || hostileOrLong) && (i > count - max(8, count / 10) || rng.chance(0.05))
          var received: Double? = (fromPatient || hostileOrLong) && !unread
            ? sent + Double(300 + rng.next() % 7200) : nil
          let id = rng.uuid()
          // What Canvas's search also returns (reference §4.3): a draft the demo clinician left in Canvas
          // (`preparation`) and a message scheduled for tomorrow (`in-progress`) — neither reached the patient.
          var status = "completed"
          var at = sent
          if let planned = SeedData.unsentStatus(index: i, count: count) {
            status = planned
            sender = "Practitioner/\(clinicians[0])"
            recipient = "Patient/\(patient)"
            received = nil
            body = planned == "preparation" ? SeedData.draftMessage : SeedData.scheduledMessage
            if planned == "in-progress" { at = now.timeIntervalSince1970 + 86_400 }
          }
          // Last changed when it was read or sent, and never after now (a message scheduled for tomorrow was
          // changed when it was scheduled): the companion's changes feed pages by it.
          let changed = min(received ?? at, now.timeIntervalSince1970)
          try stmt.execute(arguments: [id, patient, sender, recipient, at, received, status, body, changed])
        }
      }
    }
  }

  /// Canvas Bot, the built-in automation user (reference §5): a Practitioner the picker must not offer.
  static func seedCanvasBot(_ store: SandboxStore, seq: Int) throws {
    let name = HumanName(use: "usual", text: "Canvas Bot", family: "Bot", given: ["Canvas"])
    let p = FHIR.Practitioner(id: SeedData.canvasBotID, name: [name], active: true, telecom: nil, extension: nil)
    try store.pool.write { db in
      try insertPractitioner(db, [SeedData.canvasBotID, "Canvas Bot", nil, nil, true, false, try encode(p), seq])
    }
  }

  /// A staff member's row: id, name, email, NPI, active, schedulable, the resource's JSON, its place in the list.
  static func insertPractitioner(_ db: Database, _ row: StatementArguments) throws {
    try db.execute(sql: "INSERT INTO practitioner (id, name, email, npi, active, schedulable, json, seq) "
                     + "VALUES (?,?,?,?,?,?,?,?)", arguments: row)
  }

  static func seedQuestionnaires(_ store: SandboxStore, patients: [String], rng: inout SeededRandom, now: Date) throws {
    let forms = Questionnaires.all(rng: &rng)
    try store.pool.write { db in
      for (i, q) in forms.enumerated() {
        try db.execute(sql: "INSERT INTO questionnaire (id, name, status, json, seq) VALUES (?,?,?,?,?)",
                       arguments: [q.id!, q.name ?? "", q.status ?? "active", try encode(q), i])
      }
      for (n, patient) in patients.prefix(10).enumerated() {
        for week in 0..<4 {
          for q in forms {
            let authored = now.addingTimeInterval(-Double(week) * 7 * 86_400 - Double(rng.next() % 86_400))
            let items: [QuestionnaireResponse.Item] = (q.item ?? []).map { item in
              if let options = item.answerOption, !options.isEmpty {
                let scripted = n == 0 && q.name == Questionnaires.wellbeingName
                  ? Questionnaires.improving(item.linkId, week: week) : nil
                let o = options[scripted ?? Int(rng.next() % UInt64(options.count))]
                return .init(linkId: item.linkId, text: item.text, answer: [.init(valueCoding: o.valueCoding)])
              }
              let said = rng.pick(["none", "mild nausea", "dry mouth"])
              return .init(linkId: item.linkId, text: item.text, answer: [.init(valueString: said)])
            }
            let id = rng.uuid()
            let who = Reference(reference: "Patient/\(patient)", type: "Patient")
            let r = QuestionnaireResponse(id: id, questionnaire: "Questionnaire/\(q.id!)", subject: who,
                                          authored: Instant.formatMicroseconds(authored), author: who, item: items)
            try db.execute(sql: "INSERT INTO questionnaire_response "
                             + "(id, patient, questionnaire, authored, status, json) VALUES (?,?,?,?,?,?)",
                           arguments: [id, patient, q.id!, authored.timeIntervalSince1970, "completed", try encode(r)])
          }
        }
      }
    }
  }

  static func encode<T: Encodable>(_ v: T) throws -> String {
    String(decoding: try FHIRJSON.encoder.encode(v), as: UTF8.self)
  }
}
