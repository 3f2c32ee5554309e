import Foundation

/// A check-in form (a Questionnaire): read-only, built in Canvas. Its questions keep their order.
public struct CheckInForm: Equatable, Sendable {
  public var id: String
  public let name: String
  public var description: String
  public let questions: [Question]
  /// The form's codes (the Questionnaire's `code`, LOINC where it is an instrument: `44249-1` for the PHQ-9).
  public let codes: [String]
  /// How the form is scored (`ScoreRule`): worked out once, from the name, codes and questions it is made with —
  /// every score, mark and frame of the panel reads it.
  public private(set) var scoreRule = ScoreRule.unscored

  public struct Question: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case single, multiple, text, decimal, date, other(String) }
    public var linkId: String
    public var text: String
    public var kind: Kind
    public var choices: [Choice]
    /// Asked only when these hold: all of them, or any where `enableWhenAny`.
    public var enableWhen: [Condition]
    public var enableWhenAny: Bool
    /// The question's codes (LOINC for an instrument's items: `44260-8` for PHQ-9 item 9).
    public var codes: [String]
    public init(linkId: String, text: String, kind: Kind, choices: [Choice] = [], enableWhen: [Condition] = [],
                enableWhenAny: Bool = false, codes: [String] = []) {
      self.linkId = linkId; self.text = text; self.kind = kind; self.choices = choices
      self.enableWhen = enableWhen; self.enableWhenAny = enableWhenAny; self.codes = codes
    }
  }

  /// An `enableWhen`: another question answered (`exists`), or not, or with a given answer (`=`, `!=`; a code or a
  /// text).
  public struct Condition: Equatable, Sendable {
    public enum Test: Equatable, Sendable { case exists, notExists, equals(String), notEquals(String) }
    public var question: String
    public var test: Test
    public init(question: String, test: Test) { self.question = question; self.test = test }
  }

  /// An answer option, coded as Canvas requires (system, code and display, all three sent back).
  public struct Choice: Equatable, Sendable, Codable {
    public var system: String
    public var code: String
    public var display: String
    /// The option's weight where the form carries one (`itemWeight`, `ordinalValue`); a response's answer has none.
    public var weight: Double?
    public init(system: String, code: String, display: String, weight: Double? = nil) {
      self.system = system; self.code = code; self.display = display; self.weight = weight
    }
    /// The same option whether or not it carries the form's weight.
    public static func == (a: Choice, b: Choice) -> Bool {
      a.system == b.system && a.code == b.code && a.display == b.display
    }
  }

  public init(id: String, name: String, description: String = "", questions: [Question], codes: [String] = []) {
    self.id = id; self.name = name; self.description = description; self.questions = questions; self.codes = codes
    scoreRule = ScoreRule(self)
  }
}

/// A recorded check-in (a QuestionnaireResponse): who, which form, when, the answers by question.
public struct CheckIn: Equatable, Sendable {
  public enum Answer: Equatable, Sendable, Codable {
    case choice(CheckInForm.Choice)
    case text(String)
    case decimal(Double)
    case date(String)

    /// How the answer reads.
    public var text: String {
      switch self {
      case .choice(let c): return c.display
      case .text(let t): return t
      case .decimal(let d): return d.rounded() == d ? String(Int(d)) : String(d)
      case .date(let d): return d
      }
    }
  }

  public var id: String
  public var patientID: PatientID
  public var formID: String
  public var authored: Date
  /// Answers by the question's linkId, in the order given.
  public var answers: [String: [Answer]]

  public init(id: String, patientID: PatientID, formID: String, authored: Date, answers: [String: [Answer]]) {
    self.id = id; self.patientID = patientID; self.formID = formID; self.authored = authored; self.answers = answers
  }

  /// The chosen option of a single-choice question, as the form has it (with its weight).
  public func choice(_ q: CheckInForm.Question) -> CheckInForm.Choice? {
    guard case .choice(let c)? = answers[q.linkId]?.first else { return nil }
    return q.choices.first { $0.code == c.code && $0.system == c.system }
  }
}

/// A check-in form as a sync brings it, with its resource's JSON.
public struct SyncedForm: Equatable, Sendable {
  public var form: CheckInForm
  public var raw: String
  public init(_ form: CheckInForm, raw: String = "{}") { self.form = form; self.raw = raw }
}

/// A check-in as a sync brings it (or as the outbox wrote it), with its resource's JSON.
public struct SyncedCheckIn: Equatable, Sendable {
  public var checkIn: CheckIn
  /// `completed`, or `entered-in-error` (kept, not shown).
  public var status: String
  public var raw: String
  public init(_ checkIn: CheckIn, status: String = "completed", raw: String = "{}") {
    self.checkIn = checkIn; self.status = status; self.raw = raw
  }
}

/// A check-in recorded here that the server refused (a 422 names what it did not take): kept, with the reason,
/// until it is recorded again, corrected.
public struct RefusedCheckIn: Equatable, Sendable {
  public var outboxID: Int64
  public var checkIn: CheckIn
  public var reason: String
  public init(outboxID: Int64, checkIn: CheckIn, reason: String) {
    self.outboxID = outboxID; self.checkIn = checkIn; self.reason = reason
  }
}
