import FHIR

/// The two check-in forms the sandbox offers, coded as Canvas requires (every option carries a coding).
enum Questionnaires {
  static let loinc = "http://loinc.org"

  static func all(rng: inout SeededRandom) -> [Questionnaire] {
    func scale(_ system: String, _ labels: [String]) -> [Questionnaire.AnswerOption] {
      labels.enumerated().map { i, l in .init(valueCoding: Coding(system: system, code: "LA\(6568 + i)-\(i)", display: l)) }
    }
    let frequency = ["Not at all", "Several days", "More than half the days", "Nearly every day"]
    let mood = Questionnaire(
      id: rng.uuid(), name: "Mood check-in", status: "active",
      description: "Weekly mood check-in (PHQ-2 questions)", code: [Coding(system: loinc, code: "55757-9", display: "PHQ-2")],
      item: [
        .init(linkId: rng.uuid(), text: "Little interest or pleasure in doing things", type: "choice",
              code: [Coding(system: loinc, code: "44250-9")], answerOption: scale(loinc, frequency)),
        .init(linkId: rng.uuid(), text: "Feeling down, depressed, or hopeless", type: "choice",
              code: [Coding(system: loinc, code: "44255-8")], answerOption: scale(loinc, frequency)),
      ])
    let anxiety = Questionnaire(
      id: rng.uuid(), name: "Anxiety and side effects", status: "active",
      description: "GAD-2 questions and medication side effects", code: [Coding(system: loinc, code: "69725-0", display: "GAD-2")],
      item: [
        .init(linkId: rng.uuid(), text: "Feeling nervous, anxious or on edge", type: "choice",
              code: [Coding(system: loinc, code: "69725-0")], answerOption: scale(loinc, frequency)),
        .init(linkId: rng.uuid(), text: "Not being able to stop or control worrying", type: "choice",
              code: [Coding(system: loinc, code: "68509-9")], answerOption: scale(loinc, frequency)),
        .init(linkId: rng.uuid(), text: "Side effects of your medication, if any", type: "text",
              code: [Coding(system: loinc, code: "LG51306-5")]),
      ])
    return [mood, anxiety]
  }
}
