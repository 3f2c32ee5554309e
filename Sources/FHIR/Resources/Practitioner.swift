/// A staff member. Every Canvas user has one, not only clinicians (reference §5).
public struct Practitioner: Codable, Equatable, Sendable {
  public var resourceType: String = "Practitioner"
  public var id: String?
  public var active: Bool?
  public var name: [HumanName]?
  public var telecom: [ContactPoint]?
  public var identifier: [Identifier]?
  public var `extension`: [Extension]?

  public static let rolesExtension = "http://schemas.canvasmedical.com/fhir/extensions/roles"

  public init(id: String?, name: [HumanName]?, active: Bool? = true, telecom: [ContactPoint]? = nil,
              extension: [Extension]? = nil) {
    self.id = id; self.name = name; self.active = active; self.telecom = telecom; self.extension = `extension`
  }

  /// "Samantha Jones" from `text`, else given and family.
  public var displayName: String {
    guard let n = name?.first(where: { $0.use == "usual" }) ?? name?.first else { return "" }
    if let t = n.text, !t.isEmpty { return t }
    return n.displayName
  }

  public var email: String? { telecom?.first(where: { $0.system == "email" })?.value }

  /// Role codes from the Canvas roles extension (RN, MA, MD…).
  public var roles: [String] {
    (self.extension ?? []).filter { $0.url == Self.rolesExtension }
      .flatMap { $0.extension ?? [] }.compactMap { $0.valueCoding?.code }
  }
}
