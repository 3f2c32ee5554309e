import Foundation
import Testing

/// The core (state, reduce, render) reads no clock, no cache and no thread of its own: time comes in as
/// `.tick`, data as actions. Package.swift keeps Store and GRDB out of its dependencies; this keeps the clock out.
@Suite struct PureCoreTests {
  @Test func theCoreNeverReadsTheClockNorStartsWork() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/InboxApp")
    let files = try #require(FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String })
      .filter { $0.hasSuffix(".swift") }
    #expect(files.count > 10, "the core's sources were found")
    let forbidden = ["Date()", "Date.now", "DispatchQueue", "Thread.", "Process(", "import Store", "import GRDB",
                     "UUID()", "FileManager"]
    for file in files {
      let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
      for word in forbidden {
        #expect(!text.contains(word), "\(file) uses \(word)")
      }
    }
  }
}
