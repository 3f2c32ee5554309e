import Crypto
import Foundation

/// One thing the acting practitioner did, as the audit trail keeps it: ids and counts, never a name or a word
/// of a message.
public struct AuditEvent: Codable, Equatable, Sendable {
  public var at: String
  public var profile: String
  public var practitioner: String
  /// opened, sent, routed, done, undone, unread, read, recorded-check-in, recorded-message, searched, locked,
  /// unlocked, wiped.
  public var action: String
  public var patient: String?
  /// Further ids and figures (a message id, a routing's owner, a search's length).
  public var detail: [String: String]

  public init(at: Date, profile: String, practitioner: String, action: String, patient: String? = nil,
              detail: [String: String] = [:]) {
    self.at = Self.instant(at)
    self.profile = profile; self.practitioner = practitioner; self.action = action; self.patient = patient
    self.detail = detail
  }

  public static func instant(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return f.string(from: date)
  }
}

/// An append-only log of what was done, each line chained to the one before it by an HMAC-SHA256 keyed per cache:
/// a line removed, edited, reordered or added by hand breaks the chain where it happened. A line is the event's
/// JSON with `mac` = HMAC(key, previous line's mac + the event's JSON). The file is its owner's alone.
///
/// Every clinbox process on a cache appends here — two inboxes, a `clinbox send` beside them — so each append holds
/// the file's own lock (`flock`) from reading the line actually last in the file to writing the next one.
/// `@unchecked Sendable`: all `let`; only Crypto's `SymmetricKey` is not marked Sendable (an immutable value).
public final class AuditTrail: @unchecked Sendable {
  public let path: String
  private let key: SymmetricKey
  private let lock = NSLock()

  public init(path: String, key: Data) {
    self.path = path
    self.key = SymmetricKey(data: key)
  }

  /// Appends an event, chained to the line last in the file when it is written (under the file's lock).
  public func record(_ event: AuditEvent) throws {
    let body = try Self.encoder.encode(event)
    try lock.withLock {
      try Self.appendLocked(to: path) { last in
        let mac = Self.mac(key, previous: last.flatMap(Self.split)?.1 ?? "", body: body)
        var line = Data(String(decoding: body, as: UTF8.self).dropLast().utf8)   // the closing brace
        line += Data(",\"mac\":\"\(mac)\"}\n".utf8)
        return line
      }
    }
  }

  /// The events of a trail, in order (lines that are not events are left out; `verify` names them).
  public static func events(at path: String) throws -> [AuditEvent] {
    try lines(path).compactMap { try? JSONDecoder().decode(AuditEvent.self, from: Data($0.utf8)) }
  }

  /// The lines whose chain is broken (1-based) and why; empty when the trail is whole.
  public static func verify(at path: String, key: Data) throws -> [(line: Int, problem: String)] {
    let key = SymmetricKey(data: key)
    var previous = ""
    var problems: [(Int, String)] = []
    for (i, line) in try lines(path).enumerated() {
      guard let (body, mac) = split(line) else {
        problems.append((i + 1, "not an audit line"))
        continue
      }
      if mac != Self.mac(key, previous: previous, body: body) {
        problems.append((i + 1, "does not follow the line before it (edited, removed, moved or added)"))
      }
      previous = mac
    }
    return problems
  }

  // MARK: The file

  /// How an event is written: keys sorted, so that a line reads the same every time.
  public static let encoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return e
  }()

  static func mac(_ key: SymmetricKey, previous: String, body: Data) -> String {
    let code = HMAC<SHA256>.authenticationCode(for: Data(previous.utf8) + body, using: key)
    return code.map { String(format: "%02x", $0) }.joined()
  }

  /// A line's event JSON as it was when chained, and its mac.
  static func split(_ line: String) -> (Data, String)? {
    guard let r = line.range(of: ",\"mac\":\"", options: .backwards), line.hasSuffix("\"}") else { return nil }
    let mac = String(line[r.upperBound...].dropLast(2))
    return (Data((line[..<r.lowerBound] + "}").utf8), mac)
  }

  static func lines(_ path: String) throws -> [String] {
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
  }

  /// Opens the file (made 0600 whatever the umask), takes its exclusive lock, hands `line` the file's last line
  /// and appends what it returns; the lock goes with the descriptor.
  static func appendLocked(to path: String, _ line: (String?) throws -> Data) throws {
    let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
    defer { close(fd) }
    _ = fchmod(fd, 0o600)
    while flock(fd, LOCK_EX) != 0 {
      guard errno == EINTR else { throw CocoaError(.fileLocking, userInfo: [NSFilePathErrorKey: path]) }
    }
    let data = try line(lastLine(fd))
    let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard written == data.count else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
  }

  /// The last non-empty line of an open file, read backwards a block at a time (a trail grows for years).
  static func lastLine(_ fd: Int32) -> String? {
    var end = lseek(fd, 0, SEEK_END)
    var tail: [UInt8] = []
    let block = 4096
    while end > 0 {
      let start = max(0, end - off_t(block))
      var chunk = [UInt8](repeating: 0, count: Int(end - start))
      guard pread(fd, &chunk, chunk.count, start) == chunk.count else { return nil }
      tail = chunk + tail
      while tail.last == 10 { tail.removeLast() }
      if let newline = tail.lastIndex(of: 10) { return String(decoding: tail[(newline + 1)...], as: UTF8.self) }
      end = start
    }
    return tail.isEmpty ? nil : String(decoding: tail, as: UTF8.self)
  }
}
