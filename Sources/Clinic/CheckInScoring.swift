import Foundation

/// Which way a question's answers point: a higher place on its scale is worse for the patient (anxiety, pain), or
/// better (mood, sleep). A form's own questions say nothing of it; known instruments and the clinic's config do.
public enum ScoreDirection: String, Equatable, Sendable {
  case higherIsWorse = "higher-is-worse"
  case higherIsBetter = "higher-is-better"
}

/// A published questionnaire scored by its own rules, recognised by LOINC code or by name (Canvas may add
/// " (v2)"). Every item is a frequency scored 0–3; higher is worse.
public struct Instrument: Equatable, Sendable {
  public let name: String
  let code: String
  /// The items' LOINC codes, in order.
  let itemCodes: [String]
  /// At or over this total the screen is positive.
  public let threshold: Int
  /// Severity from the total: (lowest total, word), highest first.
  let bands: [(Int, String)]
  /// An item that is ⚠ whenever answered above 0, whatever the total (PHQ-9 item 9: thoughts of self-harm).
  let sentinel: (item: Int, words: String)?

  public var maxScore: Int { itemCodes.count * 3 }

  public static func == (a: Instrument, b: Instrument) -> Bool { a.name == b.name }

  static let phq9 = Instrument(
    name: "PHQ-9", code: "44249-1",
    itemCodes: ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"],
    threshold: 10, bands: [(20, "severe"), (15, "moderately severe"), (10, "moderate"), (5, "mild"), (0, "minimal")],
    sentinel: (9, "item 9, thoughts of self-harm"))
  static let phq2 = Instrument(name: "PHQ-2", code: "55757-9", itemCodes: ["44250-9", "44255-8"], threshold: 3,
                               bands: [], sentinel: nil)
  static let gad7 = Instrument(
    name: "GAD-7", code: "69737-5",
    itemCodes: ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"],
    threshold: 10, bands: [(15, "severe"), (10, "moderate"), (5, "mild"), (0, "minimal")], sentinel: nil)
  static let gad2 = Instrument(name: "GAD-2", code: "69724-3", itemCodes: ["69725-0", "68509-9"], threshold: 3,
                               bands: [], sentinel: nil)
  static let known = [phq9, gad7, phq2, gad2]

  /// The instrument a form is: by the form's LOINC code, else by its name ("PHQ-9", "PHQ-9 (v2)", "GAD7"), else by
  /// its questions carrying every one of the instrument's item codes (the longer instruments first).
  public static func of(_ form: CheckInForm) -> Instrument? {
    if let byCode = known.first(where: { form.codes.contains($0.code) }) { return byCode }
    let itemCodes = Set(form.questions.flatMap(\.codes))
    if let byItems = known.first(where: { Set($0.itemCodes).isSubset(of: itemCodes) }) { return byItems }
    let name = form.name.uppercased().replacingOccurrences(of: " ", with: "")
    return known.first { i in
      let compact = i.name.replacingOccurrences(of: "-", with: "")
      return [i.name, compact].contains { name.range(of: "(^|[^A-Z0-9])" + $0 + "($|[^0-9])",
                                                       options: .regularExpression) != nil }
    }
  }

  /// The form's questions that are the instrument's items, in order: by item code, else its first single-choice
  /// questions. Nil when the form does not hold them all.
  public func items(of form: CheckInForm) -> [CheckInForm.Question]? {
    let byCode = itemCodes.compactMap { code in form.questions.first { $0.codes.contains(code) } }
    if byCode.count == itemCodes.count { return byCode }
    let singles = form.questions.filter { $0.kind == .single }
    return singles.count >= itemCodes.count ? Array(singles.prefix(itemCodes.count)) : nil
  }

  /// The LOINC answers of the frequency scale, 0–3, by code and by words.
  static let answerCodes = ["LA6568-5": 0, "LA6569-3": 1, "LA6570-1": 2, "LA6571-9": 3]
  static let answerWords = ["not at all": 0, "several days": 1, "more than half the days": 2, "nearly every day": 3]

  /// An item's value: the form's weight, else the LOINC answer, else its place on a four-option scale.
  func value(_ choice: CheckInForm.Choice, of q: CheckInForm.Question) -> Int? {
    if let w = choice.weight { return Int(w) }
    if let v = Self.answerCodes[choice.code] ?? Self.answerWords[choice.display.lowercased()] { return v }
    let scale = q.scale
    return scale.count == 4 ? scale.firstIndex(of: choice) : nil
  }

  public func band(_ total: Int) -> String? { bands.first { total >= $0.0 }?.1 }
}

extension CheckInForm.Question {
  /// Options that are not answers on a scale: "Not sure", "Prefer not to say", "Don't know". They never score.
  public static func isNonAnswer(_ c: CheckInForm.Choice) -> Bool {
    let d = c.display.lowercased()
    return ["not sure", "prefer not", "don't know", "do not know", "unsure", "declin", "n/a", "not applicable",
            "no answer", "unknown"].contains { d.contains($0) }
  }

  /// The options on the question's scale, in order: every option but the non-answers.
  public var scale: [CheckInForm.Choice] { choices.filter { !Self.isNonAnswer($0) } }

  /// Where an option stands on the scale (0 for the first); nil for a non-answer.
  public func place(_ c: CheckInForm.Choice) -> Int? { scale.firstIndex(of: c) }
}

/// How a form is scored: by an instrument's published rules, by the weights it carries, or not at all — then each
/// question shows its answer and its own trend, with a direction only where the clinic's config gives one.
public enum ScoreRule: Equatable, Sendable {
  case instrument(Instrument)
  case weighted
  case unscored

  public init(_ form: CheckInForm) {
    if let i = Instrument.of(form), i.items(of: form) != nil { self = .instrument(i); return }
    let weighted = form.questions.filter { $0.kind == .single && !$0.choices.isEmpty }
    if !weighted.isEmpty, weighted.allSatisfy({ $0.scale.allSatisfy { $0.weight != nil } }) {
      self = .weighted
    } else {
      self = .unscored
    }
  }
}

extension CheckInForm {
  /// The questions a total adds up (each must be answered for a total): the instrument's items, or the weighted
  /// questions; none for a form with no rule.
  public var scoredQuestions: [Question] {
    switch scoreRule {
    case .instrument(let i): return i.items(of: self) ?? []
    case .weighted: return questions.filter { $0.kind == .single && !$0.choices.isEmpty }
    case .unscored: return []
    }
  }

  /// The highest total a response can have (0: the form has no total).
  public var maxScore: Int {
    switch scoreRule {
    case .instrument(let i): return i.maxScore
    case .weighted: return scoredQuestions.reduce(0) { $0 + Int($1.scale.compactMap(\.weight).max() ?? 0) }
    case .unscored: return 0
    }
  }
}

extension CheckIn {
  /// The total by the form's rule; nil for a form with no rule, and when an item is unanswered or answered
  /// "Not sure" (a partial response is not a score).
  public func score(on form: CheckInForm) -> Int? {
    switch form.scoreRule {
    case .unscored: return nil
    case .instrument(let i):
      guard let items = i.items(of: form) else { return nil }
      var total = 0
      for q in items {
        guard let c = choice(q), let v = i.value(c, of: q) else { return nil }
        total += v
      }
      return total
    case .weighted:
      var total = 0.0
      for q in form.scoredQuestions where form.isEnabled(q, answers) {
        guard let c = choice(q), !CheckInForm.Question.isNonAnswer(c), let w = c.weight else { return nil }
        total += w
      }
      return Int(total.rounded())
    }
  }

  /// What makes this check-in ⚠ whatever its total: an instrument's sentinel item answered above 0.
  public func sentinel(on form: CheckInForm) -> String? {
    guard case .instrument(let i) = form.scoreRule, let s = i.sentinel, let items = i.items(of: form),
          items.count >= s.item, let c = choice(items[s.item - 1]), let v = i.value(c, of: items[s.item - 1]),
          v > 0 else { return nil }
    return s.words
  }

  /// Where a question's answer stands on its scale (nil: unanswered, a non-answer, not a choice).
  public func place(_ q: CheckInForm.Question) -> Int? { choice(q).flatMap(q.place) }
}
