import Foundation
import Clinic
import FHIR

// What the outbox sends and the cache shows until the server has it, made here as the server's text: the Store
// keeps it, stores it and reads it back without knowing FHIR.

/// The server's time as text (a FHIR instant), as the cache keeps it beside the resources it came with.
public enum ServerTime {
  public static func text(_ date: Date) -> String { Instant.format(date) }
  public static func date(_ text: String) -> Date? { Instant.parse(text) }
}

/// Encodes a resource as the cache and the outbox keep it.
func keptText<T: Encodable>(_ resource: T) throws -> String {
  String(decoding: try FHIRJSON.encoder.encode(resource), as: UTF8.self)
}

extension OutboxEntry {
  /// The message as the cache keeps it while it waits: the Communication it will create.
  public func keptMessage() throws -> String { try keptText(communication) }
}

/// A routing as the server takes it: the Task made from what the clinician meant, and as the cache shows it at once.
public struct RoutingWrite: Sendable {
  /// The Task to create.
  public let task: FHIRTask

  public init(_ routing: RoutingIntent, patientID: PatientID) {
    task = routingTask(messageID: routing.messageID.rawValue, patientID: patientID, owner: routing.owner,
                       requester: routing.requester, description: routing.description, note: routing.note,
                       at: routing.at, labels: routing.labels, due: routing.due)
  }

  /// The Task under its local id (`outbox-<n>`) until the server gives it one.
  public func shown(as localID: String) throws -> SyncedTask? {
    var local = task
    local.id = localID
    return SyncedTask(local, raw: try JSONValue.from(local))
  }

  /// What a routing queued by an older clinbox (which kept the Task itself) meant.
  public static func intent(kept raw: String) -> RoutingIntent? {
    guard let t = try? FHIRJSON.decoder.decode(FHIRTask.self, from: Data(raw.utf8)), let message = t.messageID,
          let owner = t.owner?.id, let requester = t.requester?.id,
          let at = t.authoredOn.flatMap(Instant.parse) else { return nil }
    return RoutingIntent(messageID: MessageID(rawValue: message), owner: StaffID(rawValue: owner),
                         requester: StaffID(rawValue: requester), description: t.description ?? "",
                         note: t.instructions ?? "", at: at, labels: t.labels,
                         due: t.restriction?.period?.end.flatMap(Instant.parse))
  }
}

/// A routing's status changed: the Task as last read with the new status — an update carries it whole, as Canvas
/// deletes what a PUT omits — but without its notes, each of which Canvas would add again as a new comment.
public struct TaskStatusWrite: Sendable {
  /// The Task as the cache keeps it now.
  public let kept: String
  /// What the update sends.
  public let update: JSONValue
  public let patientID: PatientID
  /// The routing's requester, as the server wrote it.
  public let requester: String

  public init?(kept raw: String, status: String) throws {
    guard case .object(var task)? = try? FHIRJSON.decoder.decode(JSONValue.self, from: Data(raw.utf8)) else {
      return nil
    }
    task["status"] = .string(status)
    kept = String(decoding: try JSONValue.object(task).jsonData(), as: UTF8.self)
    task["note"] = nil
    update = .object(task)
    let typed = try? update.decode(FHIRTask.self)
    patientID = PatientID(rawValue: typed?.for?.id ?? "")
    requester = typed?.requester?.relative ?? ""
  }

  /// The status a status change queued by an older clinbox (which kept the whole Task) set.
  public static func intent(kept raw: String) -> String? {
    (try? FHIRJSON.decoder.decode(FHIRTask.self, from: Data(raw.utf8)))?.status
  }
}

/// A check-in as the server takes it: the QuestionnaireResponse made from what was answered, and as the thread's
/// panel shows it.
public struct CheckInWrite: Sendable {
  /// The response to create.
  public let response: QuestionnaireResponse

  public init(_ checkIn: CheckInIntent, patientID: PatientID) {
    let items = checkIn.answered.map { q in
      QuestionnaireResponse.Item(linkId: q.linkId, text: q.text, answer: q.answers.map { a in
        switch a {
        case .choice(let c): return .init(valueCoding: Coding(system: c.system, code: c.code, display: c.display))
        case .text(let t): return .init(valueString: t)
        case .decimal(let d): return .init(valueDecimal: d)
        case .date(let d): return .init(valueString: d)
        }
      })
    }
    response = QuestionnaireResponse(questionnaire: checkIn.questionnaire, status: "completed",
                                     subject: Reference(reference: patientID.reference, type: "Patient"),
                                     authored: Instant.format(checkIn.authored),
                                     author: Reference(reference: checkIn.author.reference, type: "Practitioner"),
                                     item: items)
  }

  /// The check-in under `id` (its local id until the server gives it one).
  public func shown(as id: String) throws -> SyncedCheckIn? {
    var local = response
    local.id = id
    return SyncedCheckIn(local, raw: try JSONValue.from(local))
  }

  /// What a check-in queued by an older clinbox (which kept the QuestionnaireResponse itself) answered.
  public static func intent(kept raw: String) -> CheckInIntent? {
    guard let r = try? FHIRJSON.decoder.decode(QuestionnaireResponse.self, from: Data(raw.utf8)),
          let form = r.questionnaireID, let questionnaire = r.questionnaire, let author = r.author?.id,
          let authored = r.authored.flatMap(Instant.parse),
          let checkIn = SyncedCheckIn(r.withID("kept"), raw: .object([:]))?.checkIn else { return nil }
    let answered = (r.item ?? []).map { item in
      CheckInIntent.Answered(linkId: item.linkId, text: item.text ?? item.linkId,
                             answers: checkIn.answers[item.linkId] ?? [])
    }
    return CheckInIntent(formID: form, questionnaire: questionnaire, author: StaffID(rawValue: author),
                         authored: authored, answered: answered)
  }
}

extension QuestionnaireResponse {
  func withID(_ id: String) -> QuestionnaireResponse { var r = self; r.id = id; return r }
}

extension SyncedCheckIn {
  /// A check-in from the text the cache kept (the server's, or the outbox's under `id`).
  public init?(kept raw: String, id: String? = nil) {
    guard let json = try? JSONValue(json: raw), var r = try? json.decode(QuestionnaireResponse.self) else {
      return nil
    }
    guard let id else { self.init(r, raw: json); return }
    r.id = id
    guard let again = try? JSONValue.from(r) else { return nil }
    self.init(r, raw: again)
  }
}

extension SyncedForm {
  /// A check-in form from the text the cache kept.
  public init?(kept raw: String) {
    guard let json = try? JSONValue(json: raw), let q = try? json.decode(Questionnaire.self) else { return nil }
    self.init(q, raw: json)
  }
}
