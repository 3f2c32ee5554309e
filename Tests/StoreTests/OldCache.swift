import Foundation
import GRDB
@testable import Store

/// A cache as an earlier clinbox left it: the migrations up to `version` only, in a fresh temporary folder.
struct OldCache {
  let dir: URL
  let path: String

  init(upTo version: String) throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-old-\(UUID().uuidString)")
    path = dir.appendingPathComponent("cache.sqlite").path
    try Store.prepareFile(at: path)
    let queue = try Self.open(path)
    try Migrations.migrator.migrate(queue, upTo: version)
    try queue.close()
  }

  /// The cache opened as the migrations see it (the cache's SQL functions on every connection).
  static func open(_ path: String) throws -> DatabaseQueue {
    try DatabaseQueue(path: path, configuration: {
      var c = Configuration()
      c.prepareDatabase { Store.addFunctions($0) }
      return c
    }())
  }

  func write(_ body: (Database) throws -> Void) throws {
    let queue = try Self.open(path)
    try queue.write(body)
    try queue.close()
  }

  func remove() { try? FileManager.default.removeItem(at: dir) }
}
