import Foundation
import Testing
@testable import Audit

/// The trail a security officer checks: every line chained to the one before it, so that an edit, a removal, a
/// swap or a line added by hand is found and named.
@Suite struct AuditTrailTests {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-audit-\(UUID().uuidString)")
  let key = Data((0..<32).map { UInt8($0) })

  /// Five events written through the trail; the file's lines.
  func trail() throws -> (String, [String]) {
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("audit.log").path
    let trail = AuditTrail(path: path, key: key)
    let at = Date(timeIntervalSince1970: 1_795_000_000)
    for (i, action) in ["opened", "done", "routed", "searched", "sent"].enumerated() {
      try trail.record(AuditEvent(at: at.addingTimeInterval(Double(i)), profile: "clinic", practitioner: "Practitioner/d1",
                                  action: action, patient: "p\(i)", detail: action == "searched" ? ["length": "6"] : [:]))
    }
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    return (path, lines)
  }

  func write(_ lines: [String], _ path: String) throws {
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
  }

  @Test func aWholeTrailVerifiesAndReadsBack() throws {
    defer { try? FileManager.default.removeItem(at: dir) }
    let (path, lines) = try trail()
    #expect(lines.count == 5)
    #expect(try AuditTrail.verify(at: path, key: key).isEmpty)
    let events = try AuditTrail.events(at: path)
    #expect(events.map(\.action) == ["opened", "done", "routed", "searched", "sent"])
    #expect(events[3].detail == ["length": "6"])
    #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
    // A trail opened again goes on with the chain.
    try AuditTrail(path: path, key: key).record(AuditEvent(at: Date(), profile: "clinic", practitioner: "Practitioner/d1",
                                                          action: "locked"))
    #expect(try AuditTrail.verify(at: path, key: key).isEmpty)
  }

  @Test func anEditedRemovedSwappedOrForgedLineIsNamed() throws {
    defer { try? FileManager.default.removeItem(at: dir) }
    let (path, lines) = try trail()
    var edited = lines
    edited[2] = edited[2].replacingOccurrences(of: "\"p2\"", with: "\"p9\"")
    try write(edited, path)
    #expect(try AuditTrail.verify(at: path, key: key).map(\.line) == [3])

    var removed = lines
    removed.remove(at: 1)
    try write(removed, path)
    #expect(try AuditTrail.verify(at: path, key: key).map(\.line) == [2], "the line after the gap")

    var swapped = lines
    swapped.swapAt(3, 4)
    try write(swapped, path)
    #expect(try AuditTrail.verify(at: path, key: key).map(\.line).first == 4)

    try write(lines + [#"{"action":"wiped","at":"2026-11-18T11:06:45Z","detail":{},"mac":"00"}"#], path)
    #expect(try AuditTrail.verify(at: path, key: key).map(\.line) == [6], "a line added by hand")

    try write(lines, path)
    #expect(try AuditTrail.verify(at: path, key: Data(repeating: 7, count: 32)).count == 5, "another cache's key")
  }

  /// Two inboxes and a `clinbox send` on one cache each append to the trail: three writers, each with its own open
  /// file (as three processes have), writing at once. The trail stays one chain.
  @Test func threeWritersAtOnceLeaveAWholeTrail() throws {
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("audit.log").path
    let writers = (0..<3).map { _ in AuditTrail(path: path, key: key) }
    let at = Date(timeIntervalSince1970: 1_795_000_000)
    DispatchQueue.concurrentPerform(iterations: 3) { w in
      for i in 0..<60 {
        try? writers[w].record(AuditEvent(at: at, profile: "clinic", practitioner: "Practitioner/d\(w)",
                                          action: "opened", patient: "p\(i)"))
      }
    }
    #expect(try AuditTrail.events(at: path).count == 180, "every event written")
    #expect(try AuditTrail.verify(at: path, key: key).isEmpty, "one chain, whoever wrote each line")
  }
}
