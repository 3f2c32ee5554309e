import Foundation

/// A write waiting for the server, or done with it: `queued → sending → sent`, or `failed` with the reason.
public struct OutboxEntry: Equatable, Sendable {
  public enum State: String, Sendable { case queued, sending, sent, failed, discarded }

  public var id: Int64
  public var patientID: String
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
  /// `message`, `task` (a routing) or `task-status` (its status changed).
  public var kind: String = "message"
  /// The resource JSON for writes other than messages.
  public var payload: String?

  /// The id of the message row that stands for this entry until the server gives it an id.
  public var localMessageID: String { "outbox-\(id)" }
}
