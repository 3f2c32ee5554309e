import Foundation

extension Store {
  /// The key this cache's audit trail is chained with: 32 random bytes made at first use and kept in the cache
  /// (readable by its owner only), so a trail verifies against its own cache and goes with it when it is wiped.
  public func auditKey() throws -> Data {
    if let hex = try syncValue("audit_key"), let key = Data(hex: hex), key.count == 32 { return key }
    var generator = SystemRandomNumberGenerator()
    let key = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    try setSyncValue("audit_key", key.map { String(format: "%02x", $0) }.joined())
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
