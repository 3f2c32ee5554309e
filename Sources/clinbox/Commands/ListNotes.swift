import Foundation
import Clinic
import FHIR
import InboxApp
import Store
import FHIRMapping

/// What `clinbox list` adds to a row beyond the message: the red flag and why it counts, the wait (Awaiting reply, in
/// seconds), whose inbox (Covering) and the routing (Routed by me). Fields that do not apply are left out.
struct ListNotes: Encodable {
  var redFlag: RedFlag?
  var waitSeconds: Int?
  var inbox: String?
  var routing: Routing?
  /// Who took a patient's message by phone: the words are theirs, not the patient's.
  var recordedBy: String?

  /// A handoff: who routed it to whom, what they asked, when, by when.
  struct Routing: Encodable {
    var task: String
    var by: String
    var byName: String
    var to: String
    var toName: String
    var note: String?
    var status: String
    var authored: String?
    var due: String?
    var overdue: Bool
    enum CodingKeys: String, CodingKey {
      case task, by, byName = "by_name", to, toName = "to_name", note, status, authored, due, overdue
    }
  }

  enum CodingKeys: String, CodingKey {
    case redFlag = "red_flag", waitSeconds = "wait_seconds", inbox, routing, recordedBy = "recorded_by"
  }

  init(_ m: Message, now: Date, view: InboxView) {
    redFlag = m.redFlag
    recordedBy = m.recordedBy
    waitSeconds = m.waitingSince.map { max(0, Int(now.timeIntervalSince($0))) }
    if view == .covering { inbox = m.recipientName }
    routing = m.routing.map {
      Routing(task: $0.taskID.rawValue, by: $0.requester?.reference ?? "", byName: $0.requesterName,
              to: $0.owner.reference,
              toName: $0.ownerName,
              note: $0.note, status: $0.status, authored: $0.authored.map(Instant.format),
              due: $0.due.map(Instant.format), overdue: $0.overdue(at: now))
    }
  }

  /// The same for a text line: "⚑ chest pain — now, the patient's own; words: 'chest hurts' · waiting 2 d 4 h".
  var text: String {
    var parts: [String] = []
    if let recordedBy { parts.append("phone message taken by \(recordedBy)") }
    if let redFlag { parts.append("⚑ \(redFlag.explanation)") }
    if let waitSeconds { parts.append("waiting " + TimeText.wait(seconds: waitSeconds)) }
    if let inbox { parts.append("inbox of \(inbox)") }
    if let r = routing {
      parts.append("⇒ \(r.toName) \(r.status), from \(r.byName)" + (r.note.map { ": \($0)" } ?? "")
                   + (r.due.map { " due \($0)" } ?? "") + (r.overdue ? " OVERDUE" : ""))
    }
    return parts.joined(separator: " · ")
  }
}
