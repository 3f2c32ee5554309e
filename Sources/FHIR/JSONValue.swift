import Foundation

/// Any JSON value. Bundles decode their entries into this first, so that the raw resource can be kept in the
/// cache beside the typed view of it: nothing the server sent is lost, even fields clinbox does not know.
public enum JSONValue: Codable, Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() { self = .null }
    else if let b = try? c.decode(Bool.self) { self = .bool(b) }
    else if let n = try? c.decode(Double.self) { self = .number(n) }
    else if let s = try? c.decode(String.self) { self = .string(s) }
    else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
    else { self = .object(try c.decode([String: JSONValue].self)) }
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .null: try c.encodeNil()
    case .bool(let b): try c.encode(b)
    case .number(let n): try c.encode(n)
    case .string(let s): try c.encode(s)
    case .array(let a): try c.encode(a)
    case .object(let o): try c.encode(o)
    }
  }

  public subscript(key: String) -> JSONValue? {
    if case .object(let o) = self { return o[key] }
    return nil
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// A resource (or any encodable value) as JSON.
  public static func from<T: Encodable>(_ value: T) throws -> JSONValue {
    try FHIRJSON.decoder.decode(JSONValue.self, from: FHIRJSON.encoder.encode(value))
  }

  /// The JSON text of this value, keys sorted so that equal resources store equal text.
  public func jsonData() throws -> Data { Data(JSONWriter.write(self)) }

  /// The same, as text.
  public var jsonText: String { String(decoding: JSONWriter.write(self), as: UTF8.self) }

  /// Decodes a typed resource from this value (without going back through JSON text).
  public func decode<T: Decodable>(_ type: T.Type) throws -> T {
    if type == JSONValue.self, let v = self as? T { return v }
    return try T(from: JSONValueDecoder(self))
  }
}

/// The coders every FHIR payload goes through. Dates stay strings in the resource types (see `Instant`),
/// because FHIR instants come in more shapes than one `DateDecodingStrategy` accepts.
public enum FHIRJSON {
  public static let decoder = JSONDecoder()
  public static let encoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return e
  }()
}
