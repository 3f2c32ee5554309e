/// The FHIR R4 datatypes clinbox reads or writes. Only the fields used are declared; the decoder ignores the
/// rest, and the raw resource is kept beside the typed view (see `JSONValue`).

/// A reference such as `Patient/43f1418b…` (Canvas adds `type`, and sometimes `display`).
public struct Reference: Codable, Equatable, Hashable, Sendable {
  public var reference: String?
  public var type: String?
  public var display: String?

  public init(reference: String, type: String? = nil, display: String? = nil) {
    self.reference = reference; self.type = type; self.display = display
  }

  /// `Patient` of `Patient/123`, else the declared `type`.
  public var resourceType: String? {
    if let r = reference, let slash = r.lastIndex(of: "/") {
      let head = r[..<slash]
      return String(head.split(separator: "/").last ?? head)
    }
    return type
  }

  /// `123` of `Patient/123` (and of `https://host/Patient/123`).
  public var id: String? {
    guard let r = reference else { return nil }
    return r.split(separator: "/").last.map(String.init)
  }

  /// The canonical relative form, `Type/id`.
  public var relative: String? {
    guard let t = resourceType, let i = id else { return reference }
    return "\(t)/\(i)"
  }
}

public struct Coding: Codable, Equatable, Hashable, Sendable {
  public var system: String?
  public var code: String?
  public var display: String?
  /// R4's `ordinalValue` rides here on an answer option's coding.
  public var `extension`: [Extension]?
  public init(system: String? = nil, code: String? = nil, display: String? = nil, extension: [Extension]? = nil) {
    self.system = system; self.code = code; self.display = display; self.extension = `extension`
  }
}

public struct CodeableConcept: Codable, Equatable, Sendable {
  public var coding: [Coding]?
  public var text: String?
  public init(coding: [Coding]? = nil, text: String? = nil) { self.coding = coding; self.text = text }
}

public struct Identifier: Codable, Equatable, Sendable {
  public var use: String?
  /// What the identifier is: v2-0203 `MR` for a medical record number.
  public var type: CodeableConcept?
  public var system: String?
  public var value: String?
  public init(use: String? = nil, type: CodeableConcept? = nil, system: String? = nil, value: String? = nil) {
    self.use = use; self.type = type; self.system = system; self.value = value
  }

  /// HL7's identifier types (v2-0203), where `MR` is a medical record number.
  public static let typeSystem = "http://terminology.hl7.org/CodeSystem/v2-0203"

  public var isMedicalRecordNumber: Bool {
    type?.coding?.contains { $0.system == Self.typeSystem && $0.code == "MR" } == true
  }
}

public struct HumanName: Codable, Equatable, Sendable {
  public var use: String?
  public var text: String?
  public var family: String?
  public var given: [String]?
  public var prefix: [String]?
  public var suffix: [String]?

  public init(use: String? = nil, text: String? = nil, family: String? = nil, given: [String]? = nil,
              prefix: [String]? = nil, suffix: [String]? = nil) {
    self.use = use; self.text = text; self.family = family; self.given = given
    self.prefix = prefix; self.suffix = suffix
  }

  /// "Given Family", falling back to `text`.
  public var displayName: String {
    let parts = (given ?? []) + [family].compactMap { $0 }
    let joined = parts.joined(separator: " ")
    if !joined.isEmpty { return joined }
    return text ?? ""
  }
}

public struct ContactPoint: Codable, Equatable, Sendable {
  public var system: String?
  public var value: String?
  public var use: String?
  public init(system: String? = nil, value: String? = nil, use: String? = nil) {
    self.system = system; self.value = value; self.use = use
  }
}

/// A FHIR extension; nested extensions carry the Canvas roles (`…/extensions/roles`).
public struct Extension: Codable, Equatable, Hashable, Sendable {
  public var url: String
  public var valueString: String?
  public var valueDecimal: Double?
  public var valueBoolean: Bool?
  public var valueId: String?
  public var valueUrl: String?
  public var valueCoding: Coding?
  public var valueReference: Reference?
  public var `extension`: [Extension]?

  public init(url: String, valueString: String? = nil, valueCoding: Coding? = nil, extension: [Extension]? = nil,
              valueDecimal: Double? = nil, valueBoolean: Bool? = nil) {
    self.url = url; self.valueString = valueString; self.valueCoding = valueCoding; self.extension = `extension`
    self.valueDecimal = valueDecimal; self.valueBoolean = valueBoolean
  }
}

extension Array where Element == Extension {
  /// The value of the first extension with `url`, as a number.
  public func decimal(_ url: String) -> Double? { first { $0.url == url }?.valueDecimal }
}

public struct Period: Codable, Equatable, Sendable {
  public var start: String?
  public var end: String?
}

/// Resource metadata; `lastUpdated` drives the incremental pull on servers that can search by it.
public struct Meta: Codable, Equatable, Sendable {
  public var lastUpdated: String?
  public init(lastUpdated: String?) { self.lastUpdated = lastUpdated }
}
