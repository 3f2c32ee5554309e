import Foundation

/// Why a check-in cannot be recorded as answered, naming the question.
public struct CheckInProblem: Error, Equatable, Sendable, CustomStringConvertible {
  public var linkId: String
  public var question: String
  public var reason: String
  public var description: String { "“\(question)”: \(reason)" }
}

/// A check-in's answers checked against its form before anything is stored, as the server would check them
/// (reference §7.2): answers among the options, at most one where a question does not repeat, text where text is
/// asked, every scored question answered.
extension CheckInForm {
  public func question(_ linkId: String) -> Question? { questions.first { $0.linkId == linkId } }

  public func problems(_ answers: [String: [CheckIn.Answer]]) -> [CheckInProblem] {
    var found: [CheckInProblem] = []
    func problem(_ q: Question, _ reason: String) {
      found.append(CheckInProblem(linkId: q.linkId, question: q.text, reason: reason))
    }
    for linkId in answers.keys.sorted() where question(linkId) == nil {
      found.append(CheckInProblem(linkId: linkId, question: linkId, reason: "the form has no such question"))
    }
    let scored = Set(scoredQuestions.map(\.linkId))
    for q in questions {
      let given = answers[q.linkId] ?? []
      // A question the answers so far do not ask is not answered (and is not scored).
      if !isEnabled(q, answers) {
        if !given.isEmpty { problem(q, "is not asked, given the answers before it") }
        continue
      }
      if given.isEmpty {
        if scored.contains(q.linkId) { problem(q, "needs an answer (the form is scored)") }
        continue
      }
      if q.kind != .multiple && given.count > 1 { problem(q, "takes one answer") }
      for a in given {
        switch (q.kind, a) {
        case (.single, .choice(let c)), (.multiple, .choice(let c)):
          if !q.choices.contains(c) { problem(q, "“\(c.display)” is not one of its options") }
        case (.single, _), (.multiple, _):
          problem(q, "takes one of its options: " + q.choices.map(\.display).joined(separator: ", "))
        case (.text, .text), (.decimal, .decimal), (.date, .date): break
        case (.text, _): problem(q, "takes text")
        case (.decimal, _): problem(q, "takes a number")
        case (.date, _): problem(q, "takes a date")
        case (.other(let kind), _): problem(q, "is of a kind clinbox cannot answer (\(kind))")
        }
      }
    }
    return found
  }

  /// An answer typed as text: an option by its code, its display or its number (1 for the first); text as it is;
  /// a number; a date as YYYY-MM-DD. Nil when it fits none of the question's kind.
  public func answer(to q: Question, from typed: String) -> CheckIn.Answer? {
    let t = typed.trimmingCharacters(in: .whitespaces)
    switch q.kind {
    case .single, .multiple:
      if let n = Int(t), q.choices.indices.contains(n - 1) { return .choice(q.choices[n - 1]) }
      let named = q.choices.first { $0.code == t || $0.display.caseInsensitiveCompare(t) == .orderedSame }
      return named.map { .choice($0) }
    case .text: return t.isEmpty ? nil : .text(t)
    case .decimal: return Double(t).map { .decimal($0) }
    case .date: return t.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil ? .date(t) : nil
    case .other: return nil
    }
  }
}

extension CheckInForm {
  /// Whether a question is asked, given the answers so far (its `enableWhen`).
  public func isEnabled(_ q: Question, _ answers: [String: [CheckIn.Answer]]) -> Bool {
    guard !q.enableWhen.isEmpty else { return true }
    let results = q.enableWhen.map { c -> Bool in
      let given = answers[c.question] ?? []
      let values = given.map { a -> String in
        if case .choice(let choice) = a { return choice.code }
        return a.text
      }
      switch c.test {
      case .exists: return !given.isEmpty
      case .notExists: return given.isEmpty
      case .equals(let v): return values.contains(v)
      case .notEquals(let v): return !given.isEmpty && !values.contains(v)
      }
    }
    return q.enableWhenAny ? results.contains(true) : results.allSatisfy { $0 }
  }
}
