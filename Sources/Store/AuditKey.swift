import Foundation
import GRDB

extension Store {
  /// The key this cache's audit trail is chained with: 32 random bytes made at first use and kept in the cache
  /// (readable by its owner only), so a trail verifies against its own cache and goes with it when it is wiped.
  public func auditKey() throws -> Data {
    if let hex = try syncValue("audit_key"), let key = Data(hex: hex), key.count == 32 { return key }
    var generator = SystemRandomNumberGenerator()
    let made = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    // Two processes opening a new cache at once: the first key written is the one both keep.
    let hex = try write { db -> String? in
      try db.execute(sql: "INSERT OR IGNORE INTO sync_state (key, value) VALUES ('audit_key', ?)", arguments: [made])
      return try String.fetchOne(db, sql: "SELECT value FROM sync_state WHERE key = 'audit_key'")
    }
    guard let hex, let key = Data(hex: hex), key.count == 32 else { throw OpenError.notADatabase(path) }
    return key
  }

  /// The audit trail's file: beside the cache, in its owner-only folder.
  public var auditPath: String { Self.auditPath(forCache: path) }

  public static func auditPath(forCache path: String) -> String {
    (path as NSString).deletingLastPathComponent + "/audit.log"
  }
}

extension Data {
  init?(hex: String) {
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) ?? hex.endIndex
      guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
      bytes.append(byte)
      index = next
    }
    self.init(bytes)
  }
}
