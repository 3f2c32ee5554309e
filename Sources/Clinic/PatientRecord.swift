import Foundation

/// The patient banner: names, birth date, gender.
public struct PatientRecord: Equatable, Sendable {
  public var id: String
  public var givenName: String
  public var familyName: String
  /// The preferred name (Canvas's `nickname`), if any.
  public var preferredName: String?
  /// `YYYY-MM-DD`.
  public var birthDate: String?
  public var gender: String?
  /// The medical record number the clinic knows the patient by, if the server gives one.
  public var mrn: String?

  public init(id: String, givenName: String, familyName: String, preferredName: String?, birthDate: String?,
              gender: String?, mrn: String? = nil) {
    self.id = id; self.givenName = givenName; self.familyName = familyName; self.preferredName = preferredName
    self.birthDate = birthDate; self.gender = gender; self.mrn = mrn
  }

  public var displayName: String {
    PersonName.patient(given: givenName, family: familyName, id: id)
  }

  /// Age in whole years on `date`, from the birth date.
  public func age(on date: Date) -> Int? {
    guard let b = birthDate, b.count >= 10,
          let y = Int(b.prefix(4)), let m = Int(b.dropFirst(5).prefix(2)), let d = Int(b.dropFirst(8).prefix(2)) else { return nil }
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = TimeZone(identifier: "UTC")!
    let now = cal.dateComponents([.year, .month, .day], from: date)
    guard let ny = now.year, let nm = now.month, let nd = now.day else { return nil }
    return ny - y - ((nm, nd) < (m, d) ? 1 : 0)
  }
}
