import FHIR

/// The check-in forms the sandbox offers, coded as Canvas requires (every option carries a coding): a PHQ-2 and a
/// GAD-2 (LOINC-coded items), and a clinic's own wellbeing form whose scales point opposite ways — a mood where high
/// is good beside an anxiety where high is bad — and whose side-effects question offers "Not sure".
enum Questionnaires {
  static let loinc = "http://loinc.org"
  static let wellbeingSystem = "urn:clinbox:sandbox:wellbeing"
  static let wellbeingName = "Wellbeing check-in"

  static func all(rng: inout SeededRandom) -> [Questionnaire] {
    func scale(_ system: String, _ labels: [String]) -> [Questionnaire.AnswerOption] {
      labels.enumerated().map { i, l in .init(valueCoding: Coding(system: system, code: "LA\(6568 + i)-\(i)",
                                                                  display: l)) }
    }
    let frequency = ["Not at all", "Several days", "More than half the days", "Nearly every day"]
    let mood = Questionnaire(
      id: rng.uuid(), name: "Mood check-in", status: "active",
      description: "Weekly mood check-in (PHQ-2 questions)", code: [Coding(system: loinc, code: "55757-9",
                                                                           display: "PHQ-2")],
      item: [
        .init(linkId: rng.uuid(), text: "Little interest or pleasure in doing things", type: "choice",
              code: [Coding(system: loinc, code: "44250-9")], answerOption: scale(loinc, frequency)),
        .init(linkId: rng.uuid(), text: "Feeling down, depressed, or hopeless", type: "choice",
              code: [Coding(system: loinc, code: "44255-8")], answerOption: scale(loinc, frequency)),
      ])
    let anxiety = Questionnaire(
      id: rng.uuid(), name: "Anxiety and side effects", status: "active",
      description: "GAD-2 questions and medication side effects", code: [Coding(system: loinc, code: "69725-0",
                                                                                display: "GAD-2")],
      item: [
        .init(linkId: rng.uuid(), text: "Feeling nervous, anxious or on edge", type: "choice",
              code: [Coding(system: loinc, code: "69725-0")], answerOption: scale(loinc, frequency)),
        .init(linkId: rng.uuid(), text: "Not being able to stop or control worrying", type: "choice",
              code: [Coding(system: loinc, code: "68509-9")], answerOption: scale(loinc, frequency)),
        .init(linkId: rng.uuid(), text: "Side effects of your medication, if any", type: "text",
              code: [Coding(system: loinc, code: "LG51306-5")]),
      ])
    let zeroToTen = (0...10).map { Questionnaire.AnswerOption(valueCoding: Coding(system: wellbeingSystem,
                                                                                  code: "\($0)", display: "\($0)")) }
    let severity = ["None", "Mild", "Moderate", "Severe", "Not sure", "Prefer not to say"].map {
      Questionnaire.AnswerOption(valueCoding: Coding(system: wellbeingSystem, code: $0.lowercased(), display: $0))
    }
    let wellbeing = Questionnaire(
      id: rng.uuid(), name: wellbeingName, status: "active", description: "The clinic's weekly wellbeing check-in",
      item: [
        .init(linkId: "mood", text: "How is your mood today? (0 worst, 10 best)", type: "choice",
              answerOption: zeroToTen),
        .init(linkId: "anxiety", text: "How anxious have you felt? (0 not at all, 10 extremely)", type: "choice",
              answerOption: zeroToTen),
        .init(linkId: "side-effects", text: "Side effects of your medication", type: "choice", answerOption: severity),
      ])
    return [mood, anxiety, wellbeing]
  }

  /// The wellbeing answers of the first seeded patient, who gets better week by week (`week` 0 the newest): mood
  /// up from 2 to 8, anxiety down from 8 to 2.
  static func improving(_ linkId: String, week: Int) -> Int? {
    switch linkId {
    case "mood": return 8 - 2 * week
    case "anxiety": return 2 + 2 * week
    default: return nil
    }
  }
}
