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
