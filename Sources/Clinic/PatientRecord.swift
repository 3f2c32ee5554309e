import Foundation

/// The patient banner: names, birth date, gender.
public struct PatientRecord: Equatable, Sendable {
  public var id: PatientID
  public var givenName: String
  public var familyName: String
  /// The preferred name (Canvas's `nickname`), if any.
  public var preferredName: String?
  /// `YYYY-MM-DD`.
  public var birthDate: String?
  public var gender: String?
  /// The medical record number the clinic knows the patient by, if the server gives one.
  public var mrn: String?
  /// Canvas returns inactive patients too (reference §6): they are marked wherever a patient is chosen.
  public var active: Bool
  /// Who else may be told of the patient's care (Canvas's contacts), where the record was read whole.
  public var contacts: [PatientContact]

  public init(id: PatientID, givenName: String, familyName: String, preferredName: String?, birthDate: String?,
              gender: String?, mrn: String? = nil, active: Bool = true, contacts: [PatientContact] = []) {
    self.id = id; self.givenName = givenName; self.familyName = familyName; self.preferredName = preferredName
    self.birthDate = birthDate; self.gender = gender; self.mrn = mrn; self.active = active; self.contacts = contacts
  }

  /// The contacts authorized for release of information: whom the guide's "and/or their authorized contacts"
  /// means.
  public var authorizedContacts: [PatientContact] { contacts.filter(\.authorized) }

  /// "authorized for information: Linda Stewart (mother)", or nil when there is none.
  public var authorizedText: String? {
    let named = authorizedContacts.map { c in c.relationship.map { "\(c.name) (\($0))" } ?? c.name }
    return named.isEmpty ? nil : "authorized for information: " + named.joined(separator: ", ")
  }

  /// "born 1990-03-02, 36 y · MRN 880952455 · inactive": what tells two patients of one name apart.
  public func identity(on date: Date) -> String {
    var parts: [String] = []
    if let b = birthDate { parts.append("born \(b)" + (age(on: date).map { ", \($0) y" } ?? "")) }
    if let mrn, !mrn.isEmpty { parts.append("MRN \(mrn)") }
    if !active { parts.append("inactive") }
    return parts.joined(separator: " · ")
  }

  public var displayName: String {
    PersonName.patient(given: givenName, family: familyName, id: id)
  }

  /// Age in whole years on `date`, from the birth date.
  public func age(on date: Date) -> Int? {
    guard let b = birthDate, b.count >= 10, let y = Int(b.prefix(4)), let m = Int(b.dropFirst(5).prefix(2)),
          let d = Int(b.dropFirst(8).prefix(2)) else { return nil }
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = TimeZone(identifier: "UTC")!
    let now = cal.dateComponents([.year, .month, .day], from: date)
    guard let ny = now.year, let nm = now.month, let nd = now.day else { return nil }
    return ny - y - ((nm, nd) < (m, d) ? 1 : 0)
  }
}

/// One of a patient's contacts: their name, how they are related, and what Canvas says they may be told.
public struct PatientContact: Equatable, Sendable, Encodable {
  public var name: String
  public var relationship: String?
  /// Authorized for release of information.
  public var authorized: Bool
  public var emergency: Bool
  public init(name: String, relationship: String?, authorized: Bool, emergency: Bool) {
    self.name = name; self.relationship = relationship; self.authorized = authorized; self.emergency = emergency
  }
}
