import Foundation
import Clinic
import Templates

extension TemplateContext {
  /// The placeholders' values for writing to `patient` as `clinician`, from the cached records: the one place
  /// the compose pane and `clinbox send --template` both fill templates from.
  public init(patient: PatientRecord?, clinician: StaffMember?, practiceName: String?, practicePhone: String?,
              today: Date, timeZone: TimeZone = .current, extra: [String: String] = [:]) {
    self.init(patientFirstName: patient?.givenName.split(separator: " ").first.map(String.init),
              patientPreferredName: patient?.preferredName, patientLastName: patient?.familyName,
              patientAge: patient?.age(on: today), clinicianName: clinician?.name,
              clinicianTitle: clinician?.roles.first, practiceName: practiceName, practicePhone: practicePhone,
              today: today, timeZone: timeZone, extra: extra)
  }
}
