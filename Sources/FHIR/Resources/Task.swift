import Foundation

/// A FHIR Task: how clinbox routes a message to a colleague, since a Canvas Communication cannot be updated.
///
/// Canvas keeps only the attributes it documents (reference §4.7) and `focus` is not one of them, so the link
/// to the message also travels in a `note` ("Patient message Communication/<id> …"), which Canvas keeps and
/// shows as a comment; `focus` is kept for servers that keep it.
public struct FHIRTask: Codable, Equatable, Sendable {
  public var resourceType: String = "Task"
  public var id: String?
  public var status: String?
  public var intent: String?
  public var description: String?
  public var `for`: Reference?
  public var focus: Reference?
  public var owner: Reference?
  public var requester: Reference?
  public var authoredOn: String?
  public var note: [Annotation]?
  /// The due date: `restriction.period.end`.
  public var restriction: Restriction?
  /// Labels: `{"type": {"text": "label"}, "valueString": "Urgent"}`.
  public var input: [Input]?

  public struct Restriction: Codable, Equatable, Sendable {
    public var period: Period?
    public struct Period: Codable, Equatable, Sendable {
      public var end: String?
    }
    public init(end: String) { period = Period(end: end) }
  }

  public struct Input: Codable, Equatable, Sendable {
    public var type: Text?
    public var valueString: String?
    public struct Text: Codable, Equatable, Sendable { public var text: String? }
    public static func label(_ name: String) -> Input { Input(type: Text(text: "label"), valueString: name) }
  }

  /// The labels the Task carries.
  public var labels: [String] { (input ?? []).filter { $0.type?.text == "label" }.compactMap(\.valueString) }

  public struct Annotation: Codable, Equatable, Sendable {
    public var text: String
    public var time: String?
    public var authorReference: Reference?
    public init(text: String, time: String? = nil, authorReference: Reference? = nil) {
      self.text = text; self.time = time; self.authorReference = authorReference
    }
  }

  public init(id: String? = nil, status: String?, intent: String? = "unknown", description: String?,
              for patient: Reference?, focus: Reference?, owner: Reference?, requester: Reference?,
              authoredOn: String? = nil, note: [Annotation]? = nil) {
    self.id = id; self.status = status; self.intent = intent; self.description = description
    self.for = patient; self.focus = focus; self.owner = owner; self.requester = requester
    self.authoredOn = authoredOn; self.note = note
  }

  /// What ends the note that links a Task to its message.
  static let linkMark = "(routed from clinbox)"

  /// The note that carries the link to the routed message, as a person reads it in Canvas's Task panel.
  public static func linkNote(messageID: String) -> String {
    "Patient message Communication/\(messageID) \(linkMark)"
  }

  /// What the colleague is asked to do: every comment but the link to the message, in order; nil when none.
  public var instructions: String? {
    let said = (note ?? []).map(\.text).filter { !$0.contains(Self.linkMark) }
    return said.isEmpty ? nil : said.joined(separator: "\n")
  }

  /// The Communication this Task routes: its `focus` where the server kept it, else the link in a note.
  public var messageID: String? {
    if let id = focus?.id, focus?.resourceType == "Communication" { return id }
    for n in note ?? [] {
      guard let r = n.text.range(of: #"Communication/[A-Za-z0-9\-.]{1,64}"#,
                                 options: .regularExpression) else { continue }
      return String(n.text[r].dropFirst("Communication/".count))
    }
    return nil
  }
}
