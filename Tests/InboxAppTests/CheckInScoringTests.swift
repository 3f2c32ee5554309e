import Foundation
import Testing
import Clinic
import TerminalUI
import TestClinic
@testable import InboxApp

/// Check-in scores that mean what a clinician reads in them: a published instrument scored by its own rules, ⚠ and
/// "worse" only when worse for the patient, and no total for a form whose answers point different ways.
@Suite struct CheckInScoringTests {
  static let loinc = "http://loinc.org"
  static let frequency = [("LA6568-5", "Not at all"), ("LA6569-3", "Several days"),
                          ("LA6570-1", "More than half the days"), ("LA6571-9", "Nearly every day")]
  static let phq9Items = ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
                          "44260-8"]

  /// A PHQ-9 as Canvas may name it, with its tenth (unscored) difficulty question.
  static let phq9 = CheckInForm(id: "q-phq9", name: "PHQ-9 (v2)", questions: phq9Items.enumerated().map { i, code in
    .init(linkId: "q\(i + 1)", text: "Item \(i + 1)", kind: .single,
          choices: frequency.map { .init(system: loinc, code: $0.0, display: $0.1) }, codes: [code])
  } + [.init(linkId: "q10", text: "How difficult have these problems made it", kind: .single,
             choices: ["Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult"]
               .map { .init(system: loinc, code: $0, display: $0) })])

  static func phq9(_ places: [Int], weeksAgo: Double = 0) -> CheckIn {
    var answers: [String: [CheckIn.Answer]] = [:]
    for (i, p) in places.enumerated() { answers["q\(i + 1)"] = [.choice(phq9.questions[i].choices[p])] }
    answers["q10"] = [.choice(phq9.questions[9].choices[3])]
    return CheckIn(id: "r\(weeksAgo)", patientID: "p1", formID: phq9.id,
                   authored: Fixtures.now.addingTimeInterval(-weeksAgo * 604_800), answers: answers)
  }

  /// The panel's summary line of a patient's check-ins on one form, in the 80×24 layout.
  static func summary(_ form: CheckInForm, _ checkIns: [CheckIn],
                      directions: [String: [String: ScoreDirection]] = [:]) -> (String, Role) {
    var s = Fixtures.state(width: 80, height: 24)
    s.config.checkInDirections = directions
    _ = reduce(&s, .threadLoaded(patientID: "p1", patient: Fixtures.patient, messages: [Fixtures.inbox[0]], total: 1))
    _ = reduce(&s, .checkInsLoaded(patientID: "p1", checkIns: checkIns, forms: [form]))
    let g = render(s)
    return (g.lines[1], g[0, 1].role)
  }

  @Test func aPHQ9IsScoredByItsPublishedRules() {
    #expect(Instrument.of(Self.phq9)?.name == "PHQ-9", "recognised by name, with Canvas's version suffix")
    let places = [3, 2, 2, 1, 1, 2, 1, 2, 0]   // 14: moderate; item 9 not answered above 0
    #expect(Self.phq9(places).score(on: Self.phq9) == 14, "items 1–9, 0–3 each; the difficulty item not added")
    #expect(Self.phq9.maxScore == 27)
    let (line, role) = Self.summary(Self.phq9, [Self.phq9([3, 3, 3, 2, 2, 2, 2, 2, 0], weeksAgo: 1),
                                                Self.phq9(places)])
    #expect(line.hasPrefix("PHQ-9 (v2) ") && line.contains(" 14/27 moderate ⚠ at or over 10, better"), "\(line)")
    #expect(role == .warning)
  }

  @Test func item9AboveZeroIsMarkedWhateverTheTotal() {
    let low = Self.phq9([0, 0, 0, 0, 0, 1, 0, 0, 1])
    #expect(low.score(on: Self.phq9) == 2)
    let (line, role) = Self.summary(Self.phq9, [low])
    #expect(line.contains("2/27 minimal") && line.contains("⚠ item 9, thoughts of self-harm"), "\(line)")
    #expect(role == .warning, "a total of 2 and still marked")
    let (calm, calmRole) = Self.summary(Self.phq9, [Self.phq9([0, 0, 0, 0, 0, 1, 0, 0, 0])])
    #expect(!calm.contains("⚠") && calmRole == .normal)
  }

  /// The sandbox's wellbeing form: a mood where high is good beside an anxiety where high is bad, and side effects
  /// with "Not sure" and "Prefer not to say".
  static let zeroToTen = (0...10).map { CheckInForm.Choice(system: "w", code: "\($0)", display: "\($0)") }
  static let severity = ["None", "Mild", "Moderate", "Severe", "Not sure", "Prefer not to say"]
    .map { CheckInForm.Choice(system: "w", code: $0, display: $0) }
  static let wellbeing = CheckInForm(id: "q-well", name: "Wellbeing check-in", questions: [
    .init(linkId: "mood", text: "Mood", kind: .single, choices: zeroToTen),
    .init(linkId: "anxiety", text: "Anxiety", kind: .single, choices: zeroToTen),
    .init(linkId: "side", text: "Side effects", kind: .single, choices: severity),
  ])
  static func wellbeing(mood: Int, anxiety: Int, side: String, weeksAgo: Double) -> CheckIn {
    CheckIn(id: "w\(weeksAgo)", patientID: "p1", formID: "q-well",
            authored: Fixtures.now.addingTimeInterval(-weeksAgo * 604_800),
            answers: ["mood": [.choice(zeroToTen[mood])], "anxiety": [.choice(zeroToTen[anxiety])],
                      "side": [.choice(severity.first { $0.display == side }!)]])
  }
  /// Mood 3 → 9 and anxiety 8 → 2: much better.
  static let improving = [wellbeing(mood: 3, anxiety: 8, side: "Severe", weeksAgo: 1),
                          wellbeing(mood: 9, anxiety: 2, side: "Not sure", weeksAgo: 0)]

  @Test func aFormWhoseScalesPointOppositeWaysHasNoTotalAndNoMarkUntilTheConfigSays() {
    #expect(Self.wellbeing.scoreRule == .unscored && Self.improving[1].score(on: Self.wellbeing) == nil,
            "mood and anxiety are never added into one total")
    let (plain, plainRole) = Self.summary(Self.wellbeing, Self.improving)
    #expect(plain.contains("Mood 9/10") && plain.contains("Anxiety 2/10"), "each answer and its own scale: \(plain)")
    #expect(!plain.contains("⚠") && !plain.contains("better") && !plain.contains("worse") && plainRole == .normal,
            "no direction given: no mark and no judgement: \(plain)")

    let directions: [String: [String: ScoreDirection]] = ["Wellbeing check-in": [
      "Mood": .higherIsBetter, "Anxiety": .higherIsWorse, "Side effects": .higherIsWorse]]
    let (told, role) = Self.summary(Self.wellbeing, Self.improving, directions: directions)
    #expect(told.contains("Mood 9/10 better") && told.contains("Anxiety 2/10 better"), "\(told)")
    #expect(!told.contains("⚠") && !told.contains("worse") && role == .normal, "better, never ⚠: \(told)")
  }

  @Test func notSureAndPreferNotToSayNeverScore() {
    let side = Self.wellbeing.questions[2]
    #expect(side.scale.map(\.display) == ["None", "Mild", "Moderate", "Severe"])
    #expect(Self.improving[1].place(side) == nil, "Not sure is not a place on the scale")
    #expect(Self.improving[0].place(side) == 3)
    let directions: [String: [String: ScoreDirection]] = ["Wellbeing check-in": ["Side effects": .higherIsWorse]]
    let (line, _) = Self.summary(Self.wellbeing, Self.improving, directions: directions)
    #expect(!line.contains("Side effects"), "no answer on the scale, no trend: \(line)")
  }
}
