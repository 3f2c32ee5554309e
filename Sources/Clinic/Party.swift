/// Who sent or received a message: a patient or a staff member, by the clinic's identities. The FHIR reference is
/// made and read in FHIRMapping (`Party(reference:)`, `.reference`); the screens and the cache's queries ask this.
public enum Party: Equatable, Hashable, Sendable {
  case patient(id: PatientID)
  case staff(id: StaffID)
  /// A reference to anything else (a group, a related person): shown by name, never acted on.
  case other(reference: String)

  public var isPatient: Bool { if case .patient = self { return true } else { return false } }

  /// The staff member, when it is one.
  public var staffID: StaffID? { if case .staff(let id) = self { return id } else { return nil } }
}
