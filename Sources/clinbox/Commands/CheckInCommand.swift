import ArgumentParser
import ClinicActs
import Foundation
import Clinic
import FHIR
import FHIRMapping
import Store
import Sync

/// `clinbox checkin --patient <id> --questionnaire <id or name> --answer <question>=<answer>…`: records a check-in
/// taken by phone. Every answer is checked against the form first (exit 2, naming the question, nothing stored or
/// sent); then it goes through the outbox like a message, and the new QuestionnaireResponse's id is printed.
struct CheckInCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "checkin", abstract: "Record a patient's check-in (a QuestionnaireResponse) and deliver it.",
    discussion: """
      A question is named by its linkId or its number (1 for the first); an answer by its option's code, its \
      text or its number, or as text, a number or a date (YYYY-MM-DD), as the question asks. Repeat --answer for \
      each question, and for each choice of a multiple-choice question.
      """)

  @Option(help: "The patient's id.")
  var patient: String

  @Option(help: "The form: its id or its name.")
  var questionnaire: String

  @Option(help: "An answer, QUESTION=ANSWER.")
  var answer: [String] = []

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  func validate() throws {
    for a in answer where !a.contains("=") { throw ValidationError("--answer takes QUESTION=ANSWER, not \(a)") }
  }

  func run() async throws {
    let s = try Settings.resolve(server, cache)
    guard let url = s.server else { throw ValidationError("checkin needs --server URL (or a profile with a server)") }
    guard let practitioner = s.practitionerID else { throw ValidationError("checkin needs --as Practitioner/<id>") }
    let patientID = try Settings.parsePatient(patient)
    let store = try Wiring.openStore(s)
    let client = FHIRClient(server: url, credentials: s.credentials)
    let form = try await findForm(store: store, client: client)
    let answers = try parse(answer, for: form)
    if let problem = form.problems(answers).first {
      throw ValidationError("\(problem); nothing was recorded")
    }
    try await SendCommand.ensurePatientExists(patientID, store: store, client: client)
    let checkIn = CheckIn(id: "", patientID: patientID, formID: form.id, authored: Date(), answers: answers)
    // Stored before any network call: from here on the check-in cannot be lost.
    let entry = try Wiring.acts(store, s, by: practitioner).recordCheckIn(checkIn, form: form, server: url)
    print(try await PushNow.deliver(entry, what: "check-in", client: client, store: store))
  }

  /// The form by id or name, from the cache or else from the server.
  func findForm(store: Store, client: FHIRClient) async throws -> CheckInForm {
    let wanted = questionnaire.lowercased()
    if let cached = try store.checkInForms()
        .first(where: { $0.id == questionnaire || $0.name.lowercased() == wanted }) {
      return cached
    }
    let found = try await client.search("Questionnaire", [("_count", "100")])
    let forms = found.decodable(Questionnaire.self, named: "Questionnaire")
        .resources.compactMap { SyncedForm($0.0, raw: $0.1) }
    try store.transaction { cache in for form in forms { try cache.upsert(form) } }
    guard let form = forms.first(where: { $0.form.id == questionnaire || $0.form.name.lowercased() == wanted }) else {
      let names = forms.map { "\($0.form.name) (\($0.form.id))" }.joined(separator: ", ")
      throw ValidationError("no form \"\(questionnaire)\" on the server; there are: \(names)")
    }
    return form.form
  }

  /// `QUESTION=ANSWER` pairs as answers by linkId; a question or answer the form cannot take is named.
  func parse(_ pairs: [String], for form: CheckInForm) throws -> [String: [CheckIn.Answer]] {
    var answers: [String: [CheckIn.Answer]] = [:]
    for pair in pairs {
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      let key = parts[0].trimmingCharacters(in: .whitespaces)
      let typed = parts.count > 1 ? parts[1] : ""
      guard let q = form.question(key) ?? Int(key)
          .flatMap({ form.questions.indices.contains($0 - 1) ? form.questions[$0 - 1] : nil })
      else {
        throw ValidationError("\(form.name) has no question \"\(key)\" (1 to \(form.questions.count), or a linkId)")
      }
      guard let a = form.answer(to: q, from: typed) else {
        let options = q.choices.isEmpty ? "" : " (one of: \(q.choices.map(\.display).joined(separator: ", ")))"
        throw ValidationError("“\(q.text)”: “\(typed)” is not an answer it takes\(options); nothing was recorded")
      }
      answers[q.linkId, default: []].append(a)
    }
    return answers
  }
}
