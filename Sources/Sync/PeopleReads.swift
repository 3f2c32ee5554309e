import FHIR

extension SyncEngine {
  /// Reads the people a page names, a few at a time: Canvas documents no search for several ids at once
  /// (reference §6), so a first sync reads each patient on its own, and one after the other those reads were a
  /// round trip each (400 patients: half a second on loopback, much more to a real server). Results keep the
  /// order of `ids`; a person the server does not let us read is left out (the message is kept).
  func readEach<T: Decodable & Sendable>(_ type: T.Type, _ resourceType: String,
                                         _ ids: [String]) async throws -> [(T, JSONValue)] {
    let width = max(1, readsAtOnce)
    let client = self.client
    var found: [Int: (T, JSONValue)] = [:]
    try await withThrowingTaskGroup(of: (Int, (T, JSONValue)?).self) { group in
      var next = 0
      func start() {
        guard next < ids.count else { return }
        let i = next
        next += 1
        group.addTask {
          do { return (i, try await client.read(T.self, resourceType, id: ids[i])) } catch FHIRError.notFound {
            return (i, nil)
          }
        }
      }
      for _ in 0..<width { start() }
      while let (i, read) = try await group.next() {
        found[i] = read
        start()
      }
    }
    return ids.indices.compactMap { found[$0] }
  }
}
