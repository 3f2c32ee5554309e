/// A FHIR Task: how clinbox routes a message to a colleague, since a Canvas Communication cannot be updated
/// (reference §4.5: `owner`, `for`, `focus`, `requester`, `intent: unknown`, `status`, `description`).
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
  public var lastModified: String?

  public init(id: String? = nil, status: String?, intent: String? = "unknown", description: String?,
              for patient: Reference?, focus: Reference?, owner: Reference?, requester: Reference?,
              authoredOn: String? = nil) {
    self.id = id; self.status = status; self.intent = intent; self.description = description
    self.for = patient; self.focus = focus; self.owner = owner; self.requester = requester
    self.authoredOn = authoredOn
  }
}
