import FHIR

extension SyncEngine {
  /// Reads the people a page names, a few at a time: Canvas documents no search for several ids at once
  /// (reference §6), so a first sync reads each patient on its own, and one after the other those reads were a
  /// round trip each (400 patients: half a second on loopback, much more to a real server). Results keep the
  /// order of `ids`; a person the server does not let us read is left out (the message is kept).
  func readEach<T: Decodable & Sendable>(_ type: T.Type, _ resourceType: String,
                                         _ ids: [String]) async throws -> [(T, JSONValue)] {
    let client = self.client
    return try await eachAtOnce(ids) { id -> (T, JSONValue)? in
      do { return try await client.read(T.self, resourceType, id: id) } catch FHIRError.notFound { return nil }
    }.compactMap { $0 }
  }

  /// `body` for each of `items`, `readsAtOnce` at a time; the results in the order of `items`. The first error
  /// ends it (the others are cancelled).
  func eachAtOnce<Item: Sendable, T: Sendable>(_ items: [Item], _ body: @escaping @Sendable (Item) async throws -> T)
    async throws -> [T] {
    let width = max(1, readsAtOnce)
    var results: [Int: T] = [:]
    try await withThrowingTaskGroup(of: (Int, T).self) { group in
      var next = 0
      func start() {
        guard next < items.count else { return }
        let i = next
        next += 1
        group.addTask { (i, try await body(items[i])) }
      }
      for _ in 0..<width { start() }
      while let (i, result) = try await group.next() {
        results[i] = result
        start()
      }
    }
    return items.indices.compactMap { results[$0] }
  }
}
