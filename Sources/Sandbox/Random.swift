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
    var bytes = [UInt8](repeating: 0, count: 32)
    fillHex(&bytes, 0, next()); fillHex(&bytes, 16, next())
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A dashed UUID (version 4 layout), the form of Canvas Communication ids.
  mutating func uuid() -> String {
    var hex = [UInt8](repeating: 0, count: 32)
    fillHex(&hex, 0, next()); fillHex(&hex, 16, next())
    hex[12] = UInt8(ascii: "4")
    hex[16] = Self.digits[8 + Int(hex[16] % 4)]
    var out = [UInt8]()
    out.reserveCapacity(36)
    for (i, b) in hex.enumerated() {
      if i == 8 || i == 12 || i == 16 || i == 20 { out.append(UInt8(ascii: "-")) }
      out.append(b)
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static let digits = Array("0123456789abcdef".utf8)

  private func fillHex(_ buffer: inout [UInt8], _ at: Int, _ v: UInt64) {
    for i in 0..<16 { buffer[at + i] = Self.digits[Int((v >> UInt64(60 - 4 * i)) & 0xF)] }
  }

  mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
  mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
}
