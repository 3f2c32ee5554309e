@_exported import Tagged

// Who and what, as types: a patient's id cannot be passed where a staff member's is meant. The FHIR reference
// (`Patient/<id>`) is made from these in FHIRMapping only.

public enum PatientTag {}
public enum StaffTag {}
public enum MessageTag {}
public enum TaskTag {}

/// A patient, by the server's id (without `Patient/`).
public typealias PatientID = Tagged<PatientTag, String>
/// A practitioner — every Canvas user, clinician or not — by the server's id (without `Practitioner/`).
public typealias StaffID = Tagged<StaffTag, String>
/// A message (a Communication), by the server's id, or `outbox-<n>` until the server gives it one.
public typealias MessageID = Tagged<MessageTag, String>
/// A routing (a Task), by the server's id.
public typealias TaskID = Tagged<TaskTag, String>
