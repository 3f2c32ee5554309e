import Crypto
import _CryptoExtras
import Foundation
import Store

/// The lock's passphrase, kept only as a slow salted hash: scrypt (N = 2^15, r = 8, p = 1, 32 bytes; about 0.1 s
/// and 32 MB a try here), with a 16-byte random salt, as `scrypt$N$r$p$salt$hash` (hex) in the cache.
public enum Passphrase {
  static let rounds = 1 << 15, blockSize = 8, parallelism = 1
  static let key = "lock_hash"
  /// The fewest characters a passphrase may have.
  public static let shortest = 8

  /// Whether this cache has a passphrase to unlock its inbox with.
  public static func isChosen(in store: Store) -> Bool { (try? store.syncValue(key)) != nil }

  /// Keeps `passphrase` (its hash) as the one that unlocks this cache's inbox.
  public static func choose(_ passphrase: String, in store: Store) throws {
    try store.setSyncValue(key, try hash(passphrase))
  }

  /// Whether `typed` is this cache's passphrase.
  public static func matches(_ typed: String, in store: Store) throws -> Bool {
    try matches(typed, kept: store.syncValue(key))
  }

  static func hash(_ passphrase: String) throws -> String {
    var generator = SystemRandomNumberGenerator()
    let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let key = try derive(passphrase, salt: salt, rounds: rounds, blockSize: blockSize, parallelism: parallelism)
    return "scrypt$\(rounds)$\(blockSize)$\(parallelism)$\(hex(salt))$\(hex(key))"
  }

  /// Whether `typed` is the passphrase `kept` was made from (false when none is kept or it is unreadable).
  static func matches(_ typed: String, kept: String?) throws -> Bool {
    guard let parts = kept?.split(separator: "$").map(String.init), parts.count == 6, parts[0] == "scrypt",
          let n = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
          let salt = bytes(parts[4]), let expected = bytes(parts[5]) else { return false }
    let key = try derive(typed, salt: salt, rounds: n, blockSize: r, parallelism: p)
    // Compared in full whatever differs first.
    return key.count == expected.count && zip(key, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
  }

  static func derive(_ passphrase: String, salt: [UInt8], rounds: Int, blockSize: Int,
                     parallelism: Int) throws -> [UInt8] {
    let key = try KDF.Scrypt.deriveKey(from: Array(passphrase.utf8), salt: salt, outputByteCount: 32, rounds: rounds,
                                       blockSize: blockSize, parallelism: parallelism)
    return key.withUnsafeBytes { Array($0) }
  }

  static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

  static func bytes(_ hex: String) -> [UInt8]? {
    var out: [UInt8] = []
    var i = hex.startIndex
    while i < hex.endIndex {
      guard let j = hex.index(i, offsetBy: 2, limitedBy: hex.endIndex), let b = UInt8(hex[i..<j], radix: 16) else {
        return nil
      }
      out.append(b)
      i = j
    }
    return out
  }
}
