import Foundation
import GRDB
import Testing
@testable import Store

/// A write lock held too long by another program (a `sqlite3` shell left mid-transaction): the cache opens for
/// reading after the busy timeout instead of failing, and writes again once the lock is let go.
@Suite struct BusyCacheTests {
  @Test func aWriteLockHeldTooLongOpensTheCacheForReadingUntilItIsLetGo() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("cache.sqlite").path
    // Written and closed, as a cache is between two clinbox sessions.
    try Store(path: path).saveDraft(id: nil, patientID: "p1", from: "doc",
                                    text: "Call her back about the rash", cursor: 0, at: Date())
    var config = Configuration()
    config.allowsUnsafeTransactions = true
    let other = try DatabaseQueue(path: path, configuration: config)
    try other.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }

    let reading = try Store(path: path)
    #expect(reading.readOnly?.hasPrefix("the cache is busy (another program has held its write lock") == true,
            "\(reading.readOnly ?? "writable")")
    #expect(try reading.draft(forPatient: "p1")?.text == "Call her back about the rash", "what is cached reads")
    let asked = Date()
    #expect(!reading.writableAgain(), "still held")
    #expect(Date().timeIntervalSince(asked) < 2, "asking again does not wait out the whole timeout")

    try other.inDatabase { try $0.execute(sql: "ROLLBACK") }
    #expect(reading.writableAgain())
    #expect(reading.readOnly == nil)
    try reading.saveDraft(id: nil, patientID: "p2", from: "doc", text: "Written once let go", cursor: 0,
                          at: Date())
    #expect(try reading.draft(forPatient: "p2")?.text == "Written once let go")
  }
}
