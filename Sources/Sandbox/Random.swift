/// SplitMix64: a tiny, fast generator whose output depends only on the seed, so `--seed N` always makes the
/// same patients, staff and messages.
struct SeededRandom: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A 32-hex key, the form of Canvas patient and staff ids.
  mutating func key() -> String {
    hex(next()) + hex(next())
  }

  /// A dashed UUID (version 4 layout), the form of Canvas Communication ids.
  mutating func uuid() -> String {
    let a = hex(next()), b = hex(next())
    let s = Array(a + b)
    var out = String(s[0..<8]) + "-" + String(s[8..<12]) + "-4" + String(s[13..<16]) + "-"
    let variant = "89ab"[ "89ab".index("89ab".startIndex, offsetBy: Int(next() % 4))]
    out += String(variant) + String(s[17..<20]) + "-" + String(s[20..<32])
    return out
  }

  private func hex(_ v: UInt64) -> String {
    let h = String(v, radix: 16)
    return String(repeating: "0", count: 16 - h.count) + h
  }

  mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
  mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
}
