import Foundation
import Clinic
import FHIR

// The one mapping between FHIR resources and the clinic's types: what a sync brings, and what the outbox sends.

extension SyncedMessage {
  /// A Communication as the cache keeps it; nil when it cannot be a patient message (no id, no patient party, no
  /// sender, or a staff message to nobody).
  public init?(_ c: Communication, raw: JSONValue) { self.init(c, raw: raw, sent: c.sent.flatMap(Instant.parse)) }

  /// The same, its `sent` already read (a page reads each message's once, for its order and for the cache).
  public init?(_ c: Communication, raw: JSONValue, sent: Date?) {
    guard let id = c.id, let patient = c.patient?.id, let sender = c.sender?.relative else { return nil }
    let recipient = c.recipient?.first?.relative
    let from = Party(reference: sender)
    // A patient message assigned to nobody (Canvas: no care-team lead) has no recipient: it is Unassigned.
    if recipient == nil && !from.isPatient { return nil }
    let text = HTMLText.plain(c.text)
    self.init(id: MessageID(rawValue: id), patientID: PatientID(rawValue: patient), from: from,
              to: recipient.map(Party.init(reference:)),
              sent: sent, received: Self.readByAPerson(c, sent: sent) ? c.received : nil, status: c.status,
              text: text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? Self.noText : text, raw: raw.text)
  }

  /// What a message without words (no `payload`, or only blanks) shows, so that a row is never blank.
  public static let noText = "(no text)"

  /// How close to `sent` a `received` is an app's stamp, not a reader's: Canvas's demo patient app creates a
  /// patient's message with `received` equal to `sent` (reference §4.6), and no person reads that fast.
  public static let appStampWindow: TimeInterval = 5

  /// Whether the server's `received` says a person read it: set, and later than an app's own stamp at creation.
  /// A `received` that cannot be read as a time is taken as read (it was the server's word).
  static func readByAPerson(_ c: Communication, sent: Date?) -> Bool {
    guard let received = c.received else { return false }
    guard let sent, let at = Instant.parse(received) else { return true }
    return at.timeIntervalSince(sent) > appStampWindow
  }
}

extension SyncedPatient {
  /// Whether a patient's kept JSON says active (absent: active, as FHIR reads it). Read from the text, as every
  /// list of patients does for each row.
  public static func isActive(raw: String) -> Bool {
    raw.range(of: #""active"\s*:\s*false"#, options: .regularExpression) == nil
  }

  public init?(_ p: Patient, raw: JSONValue) {
    guard let id = p.id else { return nil }
    let n = p.officialName
    let given = (n?.given ?? []).joined(separator: " "), family = n?.family ?? n?.text ?? ""
    self.init(PatientRecord(id: PatientID(rawValue: id), givenName: given, familyName: family,
                            preferredName: p.nickname,
                            birthDate: p.birthDate, gender: p.gender, mrn: p.medicalRecordNumber,
                            active: p.active ?? true, contacts: (p.contact ?? []).compactMap(PatientContact.init)),
              raw: raw.text)
  }
}

extension PatientContact {
  /// A contact as Canvas gives it: `name.text` (else given and family), the relationship's words, its flags.
  public init?(_ c: Patient.Contact) {
    let n = c.name
    let name = n?.text ?? [n?.given?.joined(separator: " "), n?.family].compactMap { $0 }.joined(separator: " ")
    guard !name.isEmpty else { return nil }
    let relation = c.relationship?.lazy.compactMap { $0.text ?? $0.coding?.first?.display }.first
    self.init(name: name, relationship: relation, authorized: c.isAuthorized, emergency: c.isEmergencyContact)
  }

  /// The contacts of a patient's kept JSON.
  public static func all(raw: String) -> [PatientContact] {
    guard let p = try? FHIRJSON.decoder.decode(Patient.self, from: Data(raw.utf8)) else { return [] }
    return (p.contact ?? []).compactMap(PatientContact.init)
  }
}

extension SyncedStaff {
  public init?(_ p: Practitioner, raw: JSONValue) {
    guard let id = p.id else { return nil }
    self.init(StaffMember(id: StaffID(rawValue: id), name: p.displayName, email: p.email, roles: p.roles,
                          active: p.active ?? true),
              raw: raw.text)
  }
}

extension SyncedTask {
  /// A routing Task, linked to its message by `focus` or by the link note, whichever the server kept.
  public init?(_ t: FHIRTask, raw: JSONValue) {
    guard let id = t.id else { return nil }
    self.init(id: TaskID(rawValue: id), messageID: t.messageID.map(MessageID.init(rawValue:)),
              patientID: t.for?.id.map(PatientID.init(rawValue:)),
              owner: t.owner?.relative.map(Party.init(reference:)),
              requester: t.requester?.relative.map(Party.init(reference:)), status: t.status ?? "requested",
              description: t.description ?? "", note: t.instructions, raw: raw.text)
  }

  /// When the Task was made, from its kept JSON (`authoredOn`).
  public static func authored(raw: String) -> Date? {
    let task = try? FHIRJSON.decoder.decode(FHIRTask.self, from: Data(raw.utf8))
    return task?.authoredOn.flatMap(Instant.parse)
  }
}

extension OutboxEntry {
  /// The identifier system of clinbox's outbox ids (`urn:uuid:` values), for conditional create.
  public static let identifierSystem = "urn:ietf:rfc:3986"

  /// The Communication to create: one Practitioner, one Patient, no `subject` and no `id` (Canvas rules).
  public var communication: Communication {
    Communication(status: "unknown", sent: sent, recipient: [Reference(reference: recipient)],
                  sender: Reference(reference: sender), text: text)
  }

  /// The message as the server now has it, under `serverID`: what the cache keeps once a send is done.
  public func sentMessage(serverID: MessageID) throws -> SyncedMessage {
    var c = communication
    c.id = serverID.rawValue
    c.status = "completed"
    c.subject = Reference(reference: patientID.reference, type: "Patient")
    guard let message = SyncedMessage(c, raw: try JSONValue.from(c)) else {
      throw MappingError.notAMessage(serverID.rawValue)
    }
    return message
  }
}

/// A Task that routes `messageID` to `owner`: what Canvas keeps (reference §4.7) — a description a person reads, the
/// link to the message in a note (and `focus`, where kept), and the clinician's instructions as a comment of their
/// own, which the colleague's clinbox reads back. Text from a message is made plain before it leaves.
public func routingTask(messageID: String, patientID: PatientID, owner: StaffID, requester: StaffID,
                        description: String,
                        note: String = "", at now: Date, labels: [String] = [], due: Date? = nil) -> FHIRTask {
  let author = Reference(reference: requester.reference)
  let instructions = PlainText.line(note)
  var notes = [FHIRTask.Annotation(text: FHIRTask.linkNote(messageID: messageID), authorReference: author)]
  if !instructions.isEmpty {
    notes.append(.init(text: instructions, time: Instant.format(now), authorReference: author))
  }
  var task = FHIRTask(status: "requested", description: PlainText.line(description),
           for: Reference(reference: patientID.reference, type: "Patient"),
           focus: Reference(reference: "Communication/\(messageID)", type: "Communication"),
           owner: Reference(reference: owner.reference, type: "Practitioner"),
           requester: Reference(reference: requester.reference, type: "Practitioner"), authoredOn: Instant.format(now),
           note: notes)
  if !labels.isEmpty { task.input = labels.map(FHIRTask.Input.label) }
  task.restriction = due.map { FHIRTask.Restriction(end: Instant.format($0)) }
  return task
}

public enum MappingError: Error, Equatable {
  case notAMessage(String)
}

extension JSONValue {
  /// A resource the cache kept, read back.
  public init(json text: String) throws { self = try JSONParser.parse(Array(text.utf8)) }

  /// The JSON as text, as the cache keeps a resource.
  public var text: String { jsonText }
}

extension SyncedForm {
  /// A Questionnaire as a check-in form: `choice` with `repeats` a multiple choice, else a single one; options
  /// without a full coding are left out (Canvas requires all three parts back).
  public init?(_ q: Questionnaire, raw: JSONValue) {
    guard let id = q.id else { return nil }
    let questions = (q.item ?? []).map { item -> CheckInForm.Question in
      let kind: CheckInForm.Question.Kind
      switch item.type {
      case "choice": kind = item.repeats == true ? .multiple : .single
      case "text", "string": kind = .text
      case "decimal": kind = .decimal
      case "date": kind = .date
      default: kind = .other(item.type ?? "")
      }
      let choices = (item.answerOption ?? []).compactMap { option -> CheckInForm.Choice? in
        guard let c = option.valueCoding, let system = c.system, let code = c.code else { return nil }
        return CheckInForm.Choice(system: system, code: code, display: c.display ?? code, weight: option.weight)
      }
      let conditions = (item.enableWhen ?? []).compactMap { w -> CheckInForm.Condition? in
        let value = w.answerCoding?.code ?? w.answerString ?? w.answerBoolean.map { String($0) }
        switch (w.operator, value) {
        case ("exists", _): return .init(question: w.question, test: w.answerBoolean == false ? .notExists : .exists)
        case ("not_exists", _): return .init(question: w.question, test: .notExists)
        case ("=", let v?): return .init(question: w.question, test: .equals(v))
        case ("!=", let v?): return .init(question: w.question, test: .notEquals(v))
        default: return nil
        }
      }
      return CheckInForm.Question(linkId: item.linkId, text: item.text ?? item.linkId, kind: kind, choices: choices,
                                  enableWhen: conditions, enableWhenAny: item.enableBehavior == "any",
                                  codes: (item.code ?? []).compactMap(\.code))
    }
    self.init(CheckInForm(id: id, name: q.name ?? q.title ?? id, description: q.description ?? "",
                          questions: questions, codes: (q.code ?? []).compactMap(\.code)), raw: raw.text)
  }
}

extension SyncedCheckIn {
  /// A QuestionnaireResponse as a check-in: `questionnaire` in either form Canvas uses (reference §7.2).
  public init?(_ r: QuestionnaireResponse, raw: JSONValue) {
    guard let id = r.id, let patient = r.subject?.id, r.subject?.resourceType == "Patient",
          let form = r.questionnaireID, let authored = r.authored.flatMap(Instant.parse) else { return nil }
    var answers: [String: [CheckIn.Answer]] = [:]
    for item in r.item ?? [] {
      answers[item.linkId, default: []] += (item.answer ?? []).compactMap { a in
        if let c = a.valueCoding, let code = c.code {
          return .choice(CheckInForm.Choice(system: c.system ?? "", code: code, display: c.display ?? code))
        }
        if let s = a.valueString { return .text(s) }
        if let d = a.valueDecimal { return .decimal(d) }
        return nil
      }
    }
    self.init(CheckIn(id: id, patientID: PatientID(rawValue: patient), formID: form, authored: authored,
                      answers: answers),
              status: r.status ?? "completed", raw: raw.text)
  }
}
