/// JSON text straight into `JSONValue`: one pass over the bytes. `Codable`'s `JSONValue.init(from:)` has to try
/// each kind of value in turn, and each failed try builds an error — a fifth of a sync's CPU (`perf`). Strict
/// (RFC 8259: no trailing commas, no comments, nothing after the value) and bounded: nesting deeper than
/// `maxDepth` is refused, so a hostile body cannot exhaust the stack.
public struct JSONParser {
  public struct Failure: Error, CustomStringConvertible {
    public let offset: Int
    public let reason: String
    public var description: String { "not JSON at byte \(offset): \(reason)" }
  }

  public static let maxDepth = 512

  public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
    var p = JSONParser(bytes: bytes)
    let v = try p.value(depth: 0)
    p.skipSpace()
    guard p.i == bytes.count else { throw p.fail("text after the value") }
    return v
  }

  let bytes: [UInt8]
  var i = 0

  func fail(_ reason: String) -> Failure { Failure(offset: i, reason: reason) }

  mutating func skipSpace() {
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
  }

  mutating func value(depth: Int) throws -> JSONValue {
    guard depth < Self.maxDepth else { throw fail("nested too deep") }
    skipSpace()
    guard i < bytes.count else { throw fail("the text ends") }
    switch bytes[i] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    default: return .number(try number())
    }
  }

  mutating func literal(_ word: StaticString) throws {
    let n = word.utf8CodeUnitCount
    guard i + n <= bytes.count else { throw fail("expected \(word)") }
    for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw fail("expected \(word)") }
    i += n
  }

  mutating func object(depth: Int) throws -> JSONValue {
    i += 1
    var out: [String: JSONValue] = [:]
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
    while true {
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key") }
      let key = try string()
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected :") }
      i += 1
      out[key] = try value(depth: depth + 1)
      skipSpace()
      guard i < bytes.count else { throw fail("the object is not closed") }
      if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
      if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
      throw fail("expected , or }")
    }
  }

  mutating func array(depth: Int) throws -> JSONValue {
    i += 1
    var out: [JSONValue] = []
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
    while true {
      out.append(try value(depth: depth + 1))
      skipSpace()
      guard i < bytes.count else { throw fail("the array is not closed") }
      if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
      if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
      throw fail("expected , or ]")
    }
  }

  /// A string: plain runs copied whole, escapes decoded (`\uD83D\uDE00` pairs joined); control characters refused.
  mutating func string() throws -> String {
    i += 1
    var out = [UInt8]()
    while true {
      let start = i
      while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
      out.append(contentsOf: bytes[start..<i])
      guard i < bytes.count else { throw fail("the string is not closed") }
      switch bytes[i] {
      case UInt8(ascii: "\""):
        i += 1
        return String(decoding: out, as: UTF8.self)
      case UInt8(ascii: "\\"):
        i += 1
        guard i < bytes.count else { throw fail("an escape is cut") }
        let e = bytes[i]
        i += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"): out.append(contentsOf: String(try unicodeEscape()).utf8)
        default: throw fail("an unknown escape")
        }
      default:
        throw fail("a control character in a string")
      }
    }
  }

  /// After `\u`: four hex digits, and the low half of a surrogate pair when the first is a high half. A lone half
  /// becomes U+FFFD rather than an error (servers send them).
  mutating func unicodeEscape() throws -> Character {
    let first = try hex4()
    if (0xD800...0xDBFF).contains(first), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
       bytes[i + 1] == UInt8(ascii: "u") {
      let save = i
      i += 2
      let second = try hex4()
      if (0xDC00...0xDFFF).contains(second) {
        let scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        return Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")
      }
      i = save
    }
    return Character(Unicode.Scalar(first) ?? "\u{FFFD}")
  }

  mutating func hex4() throws -> UInt32 {
    guard i + 4 <= bytes.count else { throw fail("a \\u escape is cut") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[i]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
      default: throw fail("not a hex digit")
      }
      v = v << 4 | d
      i += 1
    }
    return v
  }

  /// A number as RFC 8259 writes one (`-`, digits without a leading zero, a fraction, an exponent).
  mutating func number() throws -> Double {
    let start = i
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
    func digits() -> Int {
      let s = i
      while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
      return i - s
    }
    let intStart = i
    let whole = digits()
    guard whole > 0 else { throw fail("not a value") }
    if whole > 1, bytes[intStart] == UInt8(ascii: "0") { throw fail("a number with a leading zero") }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() > 0 else { throw fail("a fraction without digits") }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else { throw fail("an exponent without digits") }
    }
    guard let n = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else { throw fail("not a number") }
    return n
  }
}
