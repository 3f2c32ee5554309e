/// A message between a patient and a practitioner (Canvas: exactly one of sender and recipient is a Patient,
/// the other a Practitioner; create, read and search only — reference §4).
public struct Communication: Codable, Equatable, Sendable {
  public var resourceType: String = "Communication"
  public var id: String?
  public var meta: Meta?
  /// Only sent to servers that offer conditional create (Canvas documents no identifier on Communication).
  public var identifier: [Identifier]?
  public var status: String?
  public var subject: Reference?
  /// When the message was sent; Canvas defaults it to the time of create.
  public var sent: String?
  /// Set when the practitioner read it in Canvas; absent on a message to a practitioner means unread.
  public var received: String?
  public var recipient: [Reference]?
  public var sender: Reference?
  public var payload: [Payload]?

  public struct Payload: Codable, Equatable, Sendable {
    public var contentString: String?
    public init(contentString: String?) { self.contentString = contentString }
  }

  public init(id: String? = nil, status: String? = "unknown", subject: Reference? = nil, sent: String? = nil,
              received: String? = nil, recipient: [Reference]? = nil, sender: Reference? = nil, text: String? = nil) {
    self.id = id; self.status = status; self.subject = subject; self.sent = sent; self.received = received
    self.recipient = recipient; self.sender = sender
    self.payload = text.map { [Payload(contentString: $0)] }
  }

  /// The message body: the payload strings joined (Canvas sends one; bodies may be HTML).
  public var text: String {
    (payload ?? []).compactMap(\.contentString).joined(separator: "\n")
  }

  /// The patient the message belongs to: `subject`, else whichever party is a Patient.
  public var patient: Reference? {
    if let s = subject, s.resourceType == "Patient" { return s }
    if let s = sender, s.resourceType == "Patient" { return s }
    return recipient?.first(where: { $0.resourceType == "Patient" })
  }
}
