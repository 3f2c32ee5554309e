/// A patient, as far as the inbox shows one: names (official and nickname), birth date, gender.
public struct Patient: Codable, Equatable, Sendable {
  public var resourceType: String = "Patient"
  public var id: String?
  public var active: Bool?
  public var name: [HumanName]?
  public var gender: String?
  public var birthDate: String?
  public var identifier: [Identifier]?
  public var telecom: [ContactPoint]?
  /// The patient's contacts; Canvas marks who may be told of their care (reference §6).
  public var contact: [Contact]?

  public struct Contact: Codable, Equatable, Sendable {
    public var name: HumanName?
    public var relationship: [CodeableConcept]?
    public var telecom: [ContactPoint]?
    public var `extension`: [Extension]?
    public init(name: HumanName?, relationship: [CodeableConcept]? = nil, telecom: [ContactPoint]? = nil,
                extension: [Extension]? = nil) {
      self.name = name; self.relationship = relationship; self.telecom = telecom; self.extension = `extension`
    }

    public static let authorizedExtension =
      "http://schemas.canvasmedical.com/fhir/extensions/authorized-for-release-of-information"
    public static let emergencyExtension = "http://schemas.canvasmedical.com/fhir/extensions/emergency-contact"

    func flag(_ url: String) -> Bool { (self.extension ?? []).first { $0.url == url }?.valueBoolean == true }
    /// Authorized for release of information: Canvas's extension, or its contact category `ARI`.
    public var isAuthorized: Bool {
      flag(Self.authorizedExtension)
        || (relationship ?? []).contains { ($0.coding ?? []).contains { $0.code == "ARI" } }
    }
    public var isEmergencyContact: Bool { flag(Self.emergencyExtension) }
  }

  public init(id: String?, name: [HumanName]?, gender: String? = nil, birthDate: String? = nil, active: Bool? = true) {
    self.id = id; self.name = name; self.gender = gender; self.birthDate = birthDate; self.active = active
  }

  /// The official name, else the first name that is not a nickname.
  public var officialName: HumanName? {
    name?.first(where: { $0.use == "official" }) ?? name?.first(where: { $0.use != "nickname" }) ?? name?.first
  }

  /// The clinic's number for the patient: the identifier typed `MR` (Canvas: system `http://canvasmedical.com`,
  /// reference §4.4), else Canvas's system where the type is missing.
  public var medicalRecordNumber: String? {
    let ids = identifier ?? []
    return (ids.first { $0.isMedicalRecordNumber } ?? ids.first { $0.system == "http://canvasmedical.com" })?.value
  }

  /// The preferred name (Canvas keeps it as a `nickname` entry).
  public var nickname: String? {
    name?.first(where: { $0.use == "nickname" })?.given?.first
  }
}
