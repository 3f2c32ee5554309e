/// A recorded check-in. `questionnaire` is `Questionnaire/<id>` or an absolute URL to it (reference §7.2).
public struct QuestionnaireResponse: Codable, Equatable, Sendable {
  public var resourceType: String = "QuestionnaireResponse"
  public var id: String?
  public var questionnaire: String?
  public var status: String?
  public var subject: Reference?
  public var authored: String?
  public var author: Reference?
  public var item: [Item]?

  public struct Item: Codable, Equatable, Sendable {
    public var linkId: String
    public var text: String?
    public var answer: [Answer]?
    public init(linkId: String, text: String? = nil, answer: [Answer]?) {
      self.linkId = linkId; self.text = text; self.answer = answer
    }
  }

  public struct Answer: Codable, Equatable, Sendable {
    public var valueString: String?
    public var valueCoding: Coding?
    public var valueDecimal: Double?
    public init(valueString: String? = nil, valueCoding: Coding? = nil, valueDecimal: Double? = nil) {
      self.valueString = valueString; self.valueCoding = valueCoding; self.valueDecimal = valueDecimal
    }
  }

  public init(id: String? = nil, questionnaire: String?, status: String? = "completed", subject: Reference?,
              authored: String?, author: Reference?, item: [Item]?) {
    self.id = id; self.questionnaire = questionnaire; self.status = status; self.subject = subject
    self.authored = authored; self.author = author; self.item = item
  }

  /// The id of the questionnaire, from either form of `questionnaire`.
  public var questionnaireID: String? {
    questionnaire.flatMap { Reference(reference: $0).id }
  }
}
