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

/// A routing to send: the Task as the outbox keeps it, and as the cache shows it at once.
public struct RoutingWrite: Sendable {
  let task: FHIRTask
  public let payload: String

  public init(messageID: String, patientID: PatientID, owner: StaffID, requester: StaffID, description: String,
              note: String, at now: Date, labels: [String], due: Date?) throws {
    task = routingTask(messageID: messageID, patientID: patientID, owner: owner, requester: requester,
                       description: description, note: note, at: now, labels: labels, due: due)
    payload = try keptText(task)
  }

  /// The Task under its local id (`outbox-<n>`) until the server gives it one.
  public func shown(as localID: String) throws -> SyncedTask? {
    var local = task
    local.id = localID
    return SyncedTask(local, raw: try JSONValue.from(local))
  }
}

/// A routing's status changed: the Task as last read with the new status — an update carries it whole, as Canvas
/// deletes what a PUT omits — but without its notes, each of which Canvas would add again as a new comment.
public struct TaskStatusWrite: Sendable {
  /// The Task as the cache keeps it now.
  public let kept: String
  /// What the update sends.
  public let payload: String
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
    payload = try keptText(JSONValue.object(task))
    let typed = try? JSONValue.object(task).decode(FHIRTask.self)
    patientID = PatientID(rawValue: typed?.for?.id ?? "")
    requester = typed?.requester?.relative ?? ""
  }
}

/// A check-in to record: the QuestionnaireResponse as the outbox keeps it, and as the thread's panel shows it.
public struct CheckInWrite: Sendable {
  let response: QuestionnaireResponse
  public let payload: String
  /// When it was answered, as the server's time text.
  public var authored: String { response.authored ?? ServerTime.text(Date()) }

  public init(_ checkIn: CheckIn, form: CheckInForm, questionnaire: String, author: StaffID) throws {
    response = checkIn.questionnaireResponse(form: form, questionnaire: questionnaire, author: author)
    payload = try keptText(response)
  }

  /// The check-in under its local id until the server gives it one.
  public func shown(as localID: String) throws -> SyncedCheckIn? {
    var local = response
    local.id = localID
    return SyncedCheckIn(local, raw: try JSONValue.from(local))
  }
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
