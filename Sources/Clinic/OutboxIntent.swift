import Foundation

/// What a write waiting in the outbox means, kept as the clinician meant it — not as the resource a server wants.
/// `Sync` makes the request from it when it sends, so a write can go to another kind of endpoint (the companion's
/// read write-back) without the outbox changing, and a write queued by an older clinbox is read the same way.
/// A message needs none: its words, sender, recipient and `sent` are the entry's own columns.
public enum OutboxIntent: Codable, Equatable, Sendable {
  /// A message routed to a colleague, with the note they read.
  case routing(RoutingIntent)
  /// A routing's status changed: `completed` (done), `cancelled` (the route undone), `requested` (done undone). The
  /// routing is the entry's recipient: its server id, or `outbox-<n>` until the routing itself is delivered.
  case routingStatus(String)
  /// A check-in answered here for the patient.
  case checkIn(CheckInIntent)
  /// The acting clinician read a message addressed to them (true), or marked it unread again (false): written back
  /// through the companion plugin, so Canvas and every colleague's clinbox see it. The message is the entry's
  /// recipient.
  case read(Bool)

  /// As the outbox keeps it: JSON, with dates as seconds since 1970 and keys in one order.
  public var kept: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    encoder.dateEncodingStrategy = .secondsSince1970
    // Every field is a string, a number, a date or an array of them: encoding cannot fail.
    return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  /// What the outbox kept; nil when it cannot be read (an entry from a newer clinbox, or damaged).
  public init?(kept text: String) {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .secondsSince1970
    guard let intent = try? decoder.decode(Self.self, from: Data(text.utf8)) else { return nil }
    self = intent
  }
}

/// A message routed to a colleague: whose it becomes, who asked, what they read in Canvas's Task panel, the
/// instructions, and when.
public struct RoutingIntent: Codable, Equatable, Sendable {
  public var messageID: MessageID
  public var owner: StaffID
  public var requester: StaffID
  /// What a person reads in Canvas's Task panel (`RoutingText`).
  public var description: String
  /// The clinician's instructions (may be empty).
  public var note: String
  public var at: Date
  /// Canvas's labels (`Urgent`).
  public var labels: [String]
  public var due: Date?

  public init(messageID: MessageID, owner: StaffID, requester: StaffID, description: String, note: String, at: Date,
              labels: [String] = [], due: Date? = nil) {
    self.messageID = messageID; self.owner = owner; self.requester = requester; self.description = description
    self.note = note; self.at = at; self.labels = labels; self.due = due
  }
}

/// A check-in answered here: the form, who recorded it, when, and each question answered, in the form's order and
/// with its words as the form asked it.
public struct CheckInIntent: Codable, Equatable, Sendable {
  public struct Answered: Codable, Equatable, Sendable {
    public var linkId: String
    public var text: String
    public var answers: [CheckIn.Answer]
    public init(linkId: String, text: String, answers: [CheckIn.Answer]) {
      self.linkId = linkId; self.text = text; self.answers = answers
    }
  }
  public var formID: String
  /// The form as the server names it in its own check-ins (an absolute URL, or `Questionnaire/<id>`).
  public var questionnaire: String
  public var author: StaffID
  public var authored: Date
  public var answered: [Answered]

  public init(_ checkIn: CheckIn, form: CheckInForm, questionnaire: String, author: StaffID) {
    formID = form.id; self.questionnaire = questionnaire; self.author = author; authored = checkIn.authored
    answered = form.questions.compactMap { q in
      guard let given = checkIn.answers[q.linkId], !given.isEmpty else { return nil }
      return Answered(linkId: q.linkId, text: q.text, answers: given)
    }
  }

  public init(formID: String, questionnaire: String, author: StaffID, authored: Date, answered: [Answered]) {
    self.formID = formID; self.questionnaire = questionnaire; self.author = author; self.authored = authored
    self.answered = answered
  }

  /// The check-in as the patient's panel shows it, under `id`.
  public func checkIn(patientID: PatientID, id: String) -> CheckIn {
    CheckIn(id: id, patientID: patientID, formID: formID, authored: authored,
            answers: Dictionary(answered.map { ($0.linkId, $0.answers) }, uniquingKeysWith: +))
  }
}
