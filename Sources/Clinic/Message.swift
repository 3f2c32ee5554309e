import Foundation

/// One patient message as the inbox shows it: who, to whom, when, the plain text, and whether it is unread.
public struct Message: Equatable, Sendable {
  public var id: MessageID
  public var patientID: PatientID
  public var patientName: String
  /// Who wrote it: the patient, or a staff member.
  public var from: Party
  public var senderName: String
  /// To whom; nil for a patient's message assigned to nobody (Unassigned).
  public var to: Party?
  public var recipientName: String
  public var sent: Date?
  /// The body as plain text (HTML bodies converted at ingest; the raw resource is kept in the cache).
  public var text: String
  /// A message to a practitioner that nobody has read (no `received` from the server, not opened here).
  public var unread: Bool
  /// For messages written here, where they stand; nil for the server's own.
  public var delivery: SendState?
  /// Marked done here (and the routing Task completed, where there was one).
  public var done: Bool
  /// When it was read here; Canvas cannot record read state through FHIR, so this stays local.
  public var readAt: Date?
  /// Whether the server says it was read (`received`, set when read in Canvas's web UI).
  public var readOnServer: Bool
  /// The colleague it is routed to (an open Task), if any.
  public var routedTo: String?
  /// Its delivery to the patient's app through the webhook, for messages clinbox sent.
  public var appDelivery: AppDelivery?
  /// What the server says of it: sent or received, a draft in Canvas, or scheduled for later.
  public var serverState: ServerState = .sent
  /// A patient's message taken by phone and recorded here: the clinician who recorded it (known here only).
  public var recordedBy: String?
  /// In Awaiting reply: when the patient's oldest unanswered message of the thread was sent.
  public var waitingSince: Date?
  /// A red flag found in a patient's message, with the words and why it counts (a rule's match, not a diagnosis).
  public var redFlag: RedFlag?
  /// In Routed by me: the routing this row stands for.
  public var routing: Routing?

  public init(id: MessageID, patientID: PatientID, patientName: String, from: Party, senderName: String,
              to: Party?, recipientName: String, sent: Date?, text: String, unread: Bool, delivery: SendState? = nil,
              done: Bool = false, readAt: Date? = nil, readOnServer: Bool = false, routedTo: String? = nil,
              appDelivery: AppDelivery? = nil, serverState: ServerState = .sent, recordedBy: String? = nil,
              waitingSince: Date? = nil, redFlag: RedFlag? = nil, routing: Routing? = nil) {
    self.id = id; self.patientID = patientID; self.patientName = patientName; self.from = from
    self.senderName = senderName; self.to = to; self.recipientName = recipientName; self.sent = sent
    self.text = text; self.unread = unread; self.delivery = delivery
    self.done = done; self.readAt = readAt; self.readOnServer = readOnServer; self.routedTo = routedTo
    self.appDelivery = appDelivery; self.serverState = serverState; self.recordedBy = recordedBy
    self.waitingSince = waitingSince; self.redFlag = redFlag; self.routing = routing
  }

  /// Where a patient's message was read: opened here, else read in Canvas (a `received` later than an app's stamp);
  /// nil while unread, and for staff's messages.
  public enum ReadWhere: String, Sendable { case clinbox = "in clinbox", canvas = "in Canvas" }
  public var readWhere: ReadWhere? {
    guard from.isPatient, !unread else { return nil }
    if readAt != nil { return .clinbox }
    return readOnServer ? .canvas : nil
  }

  /// Canvas's read-time `status` (reference §4.3): `completed` is sent or received, `preparation` a draft in
  /// Canvas, `in-progress` scheduled for later (at `sent`). Anything else reads as sent.
  public enum ServerState: Equatable, Sendable {
    case sent, draftInCanvas, scheduled

    public init(status: String?) {
      switch status {
      case "preparation"?: self = .draftInCanvas
      case "in-progress"?: self = .scheduled
      default: self = .sent
      }
    }
  }

  /// A handoff: the colleague a message is routed to, who routed it, what they asked, when, and by when.
  public struct Routing: Equatable, Sendable {
    public var taskID: TaskID
    public var owner: StaffID
    public var ownerName: String
    /// requested, completed or cancelled.
    public var status: String
    public var authored: Date?
    /// Canvas's `restriction.period.end`.
    public var due: Date?
    /// Who routed it (the Task's requester).
    public var requester: StaffID?
    public var requesterName: String
    /// What the colleague is asked to do (the Task's comments but its link to the message).
    public var note: String?
    public init(taskID: TaskID, owner: StaffID, ownerName: String, status: String, authored: Date?, due: Date?,
                requester: StaffID? = nil, requesterName: String = "", note: String? = nil) {
      self.taskID = taskID; self.owner = owner; self.ownerName = ownerName; self.status = status
      self.authored = authored; self.due = due; self.requester = requester; self.requesterName = requesterName
      self.note = note
    }

    /// Still open on the server and past its due date.
    public func overdue(at now: Date) -> Bool { status == "requested" && due.map { $0 < now } == true }
  }

  /// Whether the patient wrote it (else a practitioner wrote it to the patient).
  public var isFromPatient: Bool { from.isPatient }
}

/// Where a message written here stands: in the outbox (queued, being sent, or being looked for after an answer
/// that left doubt), sent, refused with a reason, a draft, or a routed task with no message of its own.
public enum SendState: Equatable, Sendable {
  case queued, sending, checking, sent, draft, task
  case failed(String)

  /// From the cache's `delivery` column (`failed: <reason>` for a refusal).
  public init?(column: String?) {
    guard let column else { return nil }
    switch column {
    case "queued": self = .queued
    case "sending": self = .sending
    case "checking": self = .checking
    case "sent": self = .sent
    case "draft": self = .draft
    case "task": self = .task
    default: self = .failed(column.hasPrefix("failed: ") ? String(column.dropFirst("failed: ".count)) : column)
    }
  }

  /// Still on its way to the server.
  public var isPending: Bool { self == .queued || self == .sending || self == .checking }

  public var isFailed: Bool {
    if case .failed = self { return true }
    return false
  }
}

/// Where a delivery to the patient's app stands: waiting (at first, and between tries), done, or given up.
public enum DeliveryState: String, Equatable, Sendable {
  case queued, delivered, failed
}

/// Where a sent message's delivery to the patient's app stands.
public struct AppDelivery: Equatable, Sendable {
  public var state: DeliveryState
  public var deliveredAt: Date?
  public var lastError: String?
  public init(state: DeliveryState, deliveredAt: Date?, lastError: String?) {
    self.state = state; self.deliveredAt = deliveredAt; self.lastError = lastError
  }
}
