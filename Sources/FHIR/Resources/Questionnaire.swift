/// A check-in form (read-only in Canvas). Coded answers of a response must match `answerOption`.
public struct Questionnaire: Codable, Equatable, Sendable {
  public var resourceType: String = "Questionnaire"
  public var id: String?
  public var name: String?
  public var title: String?
  public var status: String?
  public var description: String?
  public var code: [Coding]?
  public var item: [Item]?

  public struct Item: Codable, Equatable, Sendable {
    public var linkId: String
    public var text: String?
    public var type: String?
    public var repeats: Bool?
    public var code: [Coding]?
    public var answerOption: [AnswerOption]?
    /// Asked only when these hold (the newer Canvas docs: `=`, `!=`, `exists`, `not_exists`), all or any of them.
    public var enableWhen: [EnableWhen]?
    public var enableBehavior: String?
    public init(linkId: String, text: String?, type: String?, repeats: Bool? = false, code: [Coding]? = nil,
                answerOption: [AnswerOption]? = nil) {
      self.linkId = linkId; self.text = text; self.type = type; self.repeats = repeats; self.code = code
      self.answerOption = answerOption
    }
  }

  public struct EnableWhen: Codable, Equatable, Sendable {
    public var question: String
    public var `operator`: String
    public var answerCoding: Coding?
    public var answerString: String?
    public var answerBoolean: Bool?
    public init(question: String, operator op: String, answerCoding: Coding? = nil, answerString: String? = nil,
                answerBoolean: Bool? = nil) {
      self.question = question; self.operator = op; self.answerCoding = answerCoding; self.answerString = answerString
      self.answerBoolean = answerBoolean
    }
  }

  public struct AnswerOption: Codable, Equatable, Sendable {
    public var valueCoding: Coding?
    /// SDC's `itemWeight` rides here.
    public var `extension`: [Extension]?
    public init(valueCoding: Coding?, extension: [Extension]? = nil) {
      self.valueCoding = valueCoding; self.extension = `extension`
    }

    public static let itemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight"
    public static let ordinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue"

    /// The option's weight where the form carries one (Canvas documents neither extension).
    public var weight: Double? {
      (self.extension ?? []).decimal(Self.itemWeight) ?? (valueCoding?.extension ?? []).decimal(Self.ordinalValue)
    }
  }

  public init(id: String?, name: String?, status: String?, description: String? = nil, code: [Coding]? = nil,
              item: [Item]?) {
    self.id = id; self.name = name; self.status = status; self.description = description; self.code = code
    self.item = item
  }
}
