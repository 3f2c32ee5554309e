import Clinic

// A FHIR reference (`Patient/<id>`, `Practitioner/<id>`) is made and read here only: the rest of clinbox says who
// by the clinic's types (`Party`, `PatientID`, `StaffID`).

extension Party {
  /// The resource types of the parties the clinic acts on, as references name them.
  static let patientType = "Patient", staffType = "Practitioner"

  /// `Patient/p1` → `.patient("p1")`; `Practitioner/d1` → `.staff("d1")`; anything else is kept as it came.
  public init(reference: String) {
    if let id = Self.id(in: reference, type: Self.patientType) {
      self = .patient(id: PatientID(rawValue: id))
    } else if let id = Self.id(in: reference, type: Self.staffType) {
      self = .staff(id: StaffID(rawValue: id))
    } else {
      self = .other(reference: reference)
    }
  }

  /// The FHIR reference, as the server and the cache write it.
  public var reference: String {
    switch self {
    case .patient(let id): return "\(Self.patientType)/\(id.rawValue)"
    case .staff(let id): return "\(Self.staffType)/\(id.rawValue)"
    case .other(let reference): return reference
    }
  }

  /// What a clinician typed for a party of one kind (`kind` picks its id): a bare id, or the whole reference.
  static func typedID(_ text: String, _ kind: (Party) -> String?) -> String? {
    let party = Party(reference: text)
    if case .other(let bare) = party { return bare.contains("/") || bare.isEmpty ? nil : bare }
    return kind(party)
  }

  private static func id(in reference: String, type: String) -> String? {
    let prefix = type + "/"
    return reference.hasPrefix(prefix) ? String(reference.dropFirst(prefix.count)) : nil
  }
}

extension Tagged where Tag == PatientTag, RawValue == String {
  /// `Patient/<id>`.
  public var reference: String { Party.patient(id: self).reference }

  /// A patient as a clinician types them: their id, or their whole reference; nil for another kind's.
  public init?(typed: String) {
    guard let id = Party.typedID(typed, { if case .patient(let id) = $0 { id.rawValue } else { nil } }) else {
      return nil
    }
    self.init(rawValue: id)
  }
}

extension Tagged where Tag == StaffTag, RawValue == String {
  /// `Practitioner/<id>`.
  public var reference: String { Party.staff(id: self).reference }

  /// A staff member as a clinician types them: their id, or their whole reference; nil for another kind's.
  public init?(typed: String) {
    guard let id = Party.typedID(typed, { $0.staffID?.rawValue }) else { return nil }
    self.init(rawValue: id)
  }
}

extension StaffMember {
  /// `Practitioner/<id>`.
  public var reference: String { id.reference }
}

/// How the cache reads a reference column's kind and id (`Store`'s columns of their own, made by SQLite from the
/// reference the server sent): the one place its SQL knows a reference's shape.
public enum ReferenceSQL {
  /// `patient`, `staff`, or `other` (a group, a related person, or nobody: '').
  public static func kind(of column: String) -> String {
    """
    CASE substr(\(column), 1, instr(\(column), '/') - 1) WHEN '\(Party.patientType)' THEN 'patient' \
    WHEN '\(Party.staffType)' THEN 'staff' ELSE 'other' END
    """
  }

  /// The id after the type (the whole text when it has no type).
  public static func id(of column: String) -> String { "substr(\(column), instr(\(column), '/') + 1)" }

  /// The references of a table's ids (`id` an SQL expression): a patient's, or a staff member's.
  public static func patientReference(_ id: String) -> String { "'\(Party.patientType)/' || \(id)" }
  public static func staffReference(_ id: String) -> String { "'\(Party.staffType)/' || \(id)" }
}
