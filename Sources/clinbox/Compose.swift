import Foundation
import FHIR
import FHIRMapping
import InboxApp
import Store
import Templates

/// Filling a template for a patient, from the cache (or the server, for someone not cached yet).
enum Compose {
  static var library: TemplateLibrary {
    let user = URL(fileURLWithPath: (ConfigFile.defaultPath as NSString).deletingLastPathComponent)
        .appendingPathComponent("templates")
    return TemplateLibrary(folders: [ShippedFiles.folder("templates"), user].compactMap { $0 })
  }

  static func fill(template name: String, patientID: PatientID, practitionerID: StaffID, vars: [String],
                   settings: Settings,
                   store: Store, client: FHIRClient?) async throws -> String {
    guard let template = library.template(name) else {
      throw Failure("no template \"\(name)\" (templates: \(library.templates.map(\.id).joined(separator: ", ")))")
    }
    var patient = try store.patient(id: patientID)
    if patient == nil, let client,
       let (p, raw) = try? await client.read(Patient.self, "Patient", id: patientID.rawValue) {
      if let known = SyncedPatient(p, raw: raw) { try store.transaction { try $0.upsert(known) } }
      patient = try store.patient(id: patientID)
    }
    guard let patient else { throw Failure("patient \(patientID) is not in the cache or on the server") }
    var me = try store.staffMember(id: practitionerID)
    if me == nil, let client,
       let (p, raw) = try? await client.read(Practitioner.self, "Practitioner", id: practitionerID.rawValue) {
      if let known = SyncedStaff(p, raw: raw) { try store.transaction { try $0.upsert(known) } }
      me = try store.staffMember(id: practitionerID)
    }
    var extra: [String: String] = [:]
    for v in vars {
      let parts = v.split(separator: "=", maxSplits: 1).map(String.init)
      extra[parts[0]] = parts.count > 1 ? parts[1] : ""
    }
    let context = TemplateContext(patient: patient, clinician: me, practiceName: settings.practiceName,
                                  practicePhone: settings.practicePhone, today: Date(), extra: extra)
    let rendered = TemplateRenderer.render(template.body, values: context.values)
    guard rendered.canSend else {
      let missing = rendered.problems.joined(separator: ", ")
      throw Failure("template \"\(name)\" has placeholders with no value: \(missing) — give them with --var KEY=VALUE "
                    + "(or set [practice] in the profile); nothing was sent")
    }
    return rendered.text
  }
}
