/// Who sent or received a message: a patient or a staff member, by id without its FHIR `Type/` prefix. The
/// reference string stays where FHIR and the cache need it; the screens ask this.
public enum Party: Equatable, Hashable, Sendable {
  case patient(id: String)
  case staff(id: String)
  /// A reference to anything else (a group, a related person): shown by name, never acted on.
  case other(reference: String)

  /// `Patient/p1` → `.patient("p1")`; `Practitioner/d1` → `.staff("d1")`.
  public init(reference: String) {
    if reference.hasPrefix("Patient/") {
      self = .patient(id: String(reference.dropFirst("Patient/".count)))
    } else if reference.hasPrefix("Practitioner/") {
      self = .staff(id: String(reference.dropFirst("Practitioner/".count)))
    } else {
      self = .other(reference: reference)
    }
  }

  /// The FHIR reference, as the server and the cache write it.
  public var reference: String {
    switch self {
    case .patient(let id): return "Patient/\(id)"
    case .staff(let id): return "Practitioner/\(id)"
    case .other(let reference): return reference
    }
  }

  public var isPatient: Bool { if case .patient = self { return true } else { return false } }
}
