import Foundation

/// What an outbox entry writes to the server.
public enum OutboxKind: String, Sendable {
  /// A message to a patient (a Communication).
  case message
  /// A routing to a colleague (a Task).
  case task
  /// A routing's status changed (the Task again, its status new).
  case taskStatus = "task-status"
  /// A check-in recorded here (a QuestionnaireResponse).
  case checkIn = "checkin"
  /// A message's read state, shared through the companion plugin (its recipient is the message's id).
  case read
}

/// A write waiting for the server, or done with it: `queued → sending → sent`, or `failed` with the reason.
public struct OutboxEntry: Equatable, Sendable {
  public enum State: String, Sendable { case queued, sending, sent, failed, discarded }

  public var id: Int64
  public var patientID: PatientID
  /// `Practitioner/<id>`.
  public var sender: String
  /// `Patient/<id>`.
  public var recipient: String
  public var text: String
  /// The `sent` instant clinbox put on the message: with sender, recipient and text, how a retry recognises it.
  public var sent: String
  /// `urn:uuid:…`, sent as an identifier where the server offers conditional create.
  public var identifier: String
  public var state: State
  /// An earlier attempt may have reached the server (a timeout, a dropped connection, a 5xx): look before
  /// sending again.
  public var mayExist: Bool
  public var attempts: Int
  public var lastError: String?
  public var nextAttempt: Date
  public var serverID: String?
  public var kind: OutboxKind = .message
  /// What a write other than a message means (nil for a message, whose columns say it all; nil too for a write an
  /// older clinbox queued that could not be read).
  public var intent: OutboxIntent?

  public init(id: Int64, patientID: PatientID, sender: String, recipient: String, text: String, sent: String,
              identifier: String, state: State, mayExist: Bool, attempts: Int, lastError: String?, nextAttempt: Date,
              serverID: String?, kind: OutboxKind = .message, intent: OutboxIntent? = nil) {
    self.id = id; self.patientID = patientID; self.sender = sender; self.recipient = recipient; self.text = text
    self.sent = sent; self.identifier = identifier; self.state = state; self.mayExist = mayExist
    self.attempts = attempts; self.lastError = lastError; self.nextAttempt = nextAttempt; self.serverID = serverID
    self.kind = kind; self.intent = intent
  }

  /// The id of the message row that stands for this entry until the server gives it an id.
  public var localMessageID: String { "outbox-\(id)" }
}

extension MessageID {
  /// The outbox entry a message row written here stands for (`outbox-7` → 7); nil for the server's messages.
  public var outboxEntry: Int64? {
    rawValue.hasPrefix("outbox-") ? Int64(rawValue.dropFirst("outbox-".count)) : nil
  }
}
