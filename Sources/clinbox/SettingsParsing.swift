import ArgumentParser
import Foundation
import FHIR
import Clinic
import FHIRMapping

/// How a server and an acting practitioner are read from what a clinician typed (flags, the config's profile).
extension Settings {
  static func parseServer(_ text: String?) throws -> URL? {
    guard let text else { return nil }
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
          url.host != nil else {
      throw ValidationError("the server must be an http or https URL, e.g. https://fumage-example.canvasmedical.com")
    }
    return ServerURL.normalized(url)
  }

  /// `--patient`: the patient's id, or `Patient/<id>`; anything else (another kind's reference) is refused.
  static func parsePatient(_ text: String) throws -> PatientID {
    guard let id = PatientID(typed: text) else {
      throw ValidationError("--patient takes the patient's id")
    }
    return id
  }

  static func parsePractitioner(_ text: String?) throws -> StaffID? {
    guard let a = text?.trimmingCharacters(in: .whitespaces), !a.isEmpty else { return nil }
    guard let id = StaffID(typed: a), !id.rawValue.isEmpty,
          id.rawValue.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) else {
      throw ValidationError("--as must be Practitioner/<id>, e.g. --as Practitioner/5eede137ecfe4124b8b773040e33be14")
    }
    return id
  }
}
