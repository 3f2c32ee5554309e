/// A practitioner: every Canvas user, clinician or not.
public struct StaffMember: Equatable, Sendable {
  public var id: StaffID
  public var name: String
  public var email: String?
  public var roles: [String]
  public var active: Bool

  public init(id: StaffID, name: String, email: String?, roles: [String], active: Bool) {
    self.id = id; self.name = name; self.email = email; self.roles = roles; self.active = active
  }
}
