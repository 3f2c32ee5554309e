/// Decodes a typed resource straight from a `JSONValue` already parsed — not by encoding it back to JSON text and
/// parsing that again, which was a quarter of a sync's CPU (measured with `perf`, 20,000-message sandbox).
struct JSONValueDecoder: Decoder {
  let value: JSONValue
  let codingPath: [CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(_ value: JSONValue, codingPath: [CodingKey] = []) {
    self.value = value
    self.codingPath = codingPath
  }

  func mismatch<T>(_ type: T.Type) -> DecodingError {
    .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(type), found \(value)"))
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .object(let object) = value else { throw mismatch([String: JSONValue].self) }
    return KeyedDecodingContainer(Keyed<Key>(object: object, codingPath: codingPath))
  }

  func unkeyedContainer() throws -> UnkeyedDecodingContainer {
    guard case .array(let array) = value else { throw mismatch([JSONValue].self) }
    return Unkeyed(array: array, codingPath: codingPath)
  }

  func singleValueContainer() throws -> SingleValueDecodingContainer { Single(decoder: self) }

  /// A value of a type: a JSONValue inside a resource (an extension's value) is the value itself.
  func decode<T: Decodable>(_ type: T.Type) throws -> T {
    if type == JSONValue.self, let v = value as? T { return v }
    return try T(from: self)
  }

  struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: [String: JSONValue]
    let codingPath: [CodingKey]
    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    func child(_ key: Key) throws -> JSONValueDecoder {
      guard let v = object[key.stringValue] else {
        throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no \(key.stringValue)"))
      }
      return JSONValueDecoder(v, codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool {
      guard let v = object[key.stringValue] else { return true }
      return v == .null
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decode(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
      -> KeyedDecodingContainer<NestedKey> {
      try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
      try child(key).unkeyedContainer()
    }
    func superDecoder() throws -> Decoder { JSONValueDecoder(.object(object), codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> Decoder { try child(key) }
  }

  struct Unkeyed: UnkeyedDecodingContainer {
    let array: [JSONValue]
    let codingPath: [CodingKey]
    var currentIndex = 0
    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    struct Index: CodingKey {
      var stringValue: String { String(intValue ?? 0) }
      var intValue: Int?
      init(_ i: Int) { intValue = i }
      init?(stringValue: String) { nil }
      init?(intValue: Int) { self.intValue = intValue }
    }

    mutating func next() throws -> JSONValueDecoder {
      guard !isAtEnd else {
        throw DecodingError.valueNotFound(JSONValue.self, .init(codingPath: codingPath, debugDescription: "at the end"))
      }
      defer { currentIndex += 1 }
      return JSONValueDecoder(array[currentIndex], codingPath: codingPath + [Index(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
      guard !isAtEnd, array[currentIndex] == .null else { return false }
      currentIndex += 1
      return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
      -> KeyedDecodingContainer<NestedKey> {
      try next().container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> Decoder { try next() }
  }

  struct Single: SingleValueDecodingContainer {
    let decoder: JSONValueDecoder
    var codingPath: [CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
      guard case .bool(let b) = decoder.value else { throw decoder.mismatch(type) }
      return b
    }

    func decode(_ type: String.Type) throws -> String {
      guard case .string(let s) = decoder.value else { throw decoder.mismatch(type) }
      return s
    }

    func decode(_ type: Double.Type) throws -> Double {
      guard case .number(let n) = decoder.value else { throw decoder.mismatch(type) }
      return n
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func integer<I: BinaryInteger>(_ type: I.Type) throws -> I {
      let n = try decode(Double.self)
      guard n.rounded() == n, let i = I(exactly: n) else { throw decoder.mismatch(type) }
      return i
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type) }
  }
}
