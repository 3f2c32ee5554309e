import Foundation
import FHIR
import Store

/// Where a Canvas scope's pages end, kept after each walk: the order the server lists the scope in, how many
/// it holds, and the ids at the end where new messages arrive.
///
/// Canvas offers no `_lastUpdated` and documents no order, so re-paging every scope every minute would be the
/// safe way — and at 26,000 messages it costs 270 requests a minute. Between the slow schedule's full walks a
/// scope is asked only for the pages beyond what the cache holds, and the ids where they join are checked: a
/// page that does not join (a message gone, an order that changed) sends the scope back to a full walk.
struct ScopeEdge: Codable, Equatable {
  enum Order: String, Codable { case oldestFirst, newestFirst, unknown }
  var order: Order
  var total: Int
  /// The ids at the growing end, in the server's order: the last ones (oldest first) or the first ones.
  var edge: [String]

  /// How many ids must match where a new page joins the old ones.
  static let overlap = 3

  init(order: Order, total: Int, edge: [String]) {
    self.order = order; self.total = total; self.edge = edge
  }

  /// What a full walk tells about its scope.
  init(_ walked: PageWalk) {
    if let first = walked.firstSent, let last = walked.lastSent, walked.count >= 2, first != last {
      order = first < last ? .oldestFirst : .newestFirst
    } else {
      order = .unknown
    }
    total = walked.count
    edge = order == .newestFirst ? walked.first : walked.last
  }

  var encoded: String { String(decoding: (try? JSONEncoder().encode(self)) ?? Data(), as: UTF8.self) }
  static func decode(_ text: String) -> ScopeEdge? { try? JSONDecoder().decode(ScopeEdge.self, from: Data(text.utf8)) }
}

extension SyncEngine {
  /// Canvas: the pages of a scope beyond what the cache holds when that is known and joins, else all of them.
  func pullPages(_ scope: SyncScope, repage: Repage, into summary: inout SyncSummary,
                 progress: (SyncProgress) -> Void) async throws {
    let edgeKey = "edge \(scope.key)"
    let edge = try store.syncValue(edgeKey)
    if repage == .whenDue, !isDue(scope.key), let saved = edge.flatMap(ScopeEdge.decode),
       let updated = try await pullNew(scope, saved, into: &summary, progress: progress) {
      try store.setSyncValue(edgeKey, updated.encoded)
      return
    }
    let first = try await client.search("Communication", scope.parameters(pageSize: pageSize))
    let decoded = DecodedPage(first)
    if edge == nil, let total = first.total, total > pageSize, decoded.listsOldestFirst {
      // A scope's first walk, on a server that lists it oldest first (the sandbox does; Canvas documents no order):
      // its newest page is stored before the walk, so the inbox opens on this week's messages, not 2019's. The
      // walk stores it again unchanged (no row rewritten) and counts it once.
      let newest = try await client.search("Communication",
                                           scope.parameters(pageSize: pageSize,
                                                            [("_offset", String(total - pageSize))]))
      _ = try await store(page: newest)
    }
    let walked = try await walk(from: first, decoded: decoded, scope, into: &summary, progress: progress)
    try store.transaction { cache in
      try cache.setSyncValue(edgeKey, ScopeEdge(walked).encoded)
      try cache.setSyncValue("full \(scope.key)", String(now().timeIntervalSince1970))
    }
  }

  /// Only what is new in a scope whose order is known; nil when the pages do not join (then walk it whole).
  func pullNew(_ scope: SyncScope, _ saved: ScopeEdge, into summary: inout SyncSummary,
               progress: (SyncProgress) -> Void) async throws -> ScopeEdge? {
    let k = min(ScopeEdge.overlap, saved.edge.count)
    guard k > 0 else { return nil }
    switch saved.order {
    case .unknown:
      return nil
    case .oldestFirst:
      // New messages come after the last ones seen: ask from just before them and check the join.
      let offset = saved.total - k
      let first = try await client.search("Communication",
                                          scope.parameters(pageSize: pageSize, [("_offset", String(offset))]))
      let decoded = DecodedPage(first)
      guard Array(decoded.ids.prefix(k)) == Array(saved.edge.suffix(k)) else { return nil }
      if let total = first.total, total < saved.total { return nil }
      let walked = try await walk(from: first, decoded: decoded, scope, into: &summary, progress: progress)
      let ids = Array(saved.edge.dropLast(k)) + walked.last
      return ScopeEdge(order: .oldestFirst, total: offset + walked.count, edge: Array(ids.suffix(ScopeEdge.overlap)))
    case .newestFirst:
      // New messages come first: the first page holds them, then the first ones seen before.
      let first = try await client.search("Communication", scope.parameters(pageSize: pageSize))
      let decoded = DecodedPage(first)
      let ids = decoded.ids
      guard let joined = ids.firstIndex(of: saved.edge[0]),
            Array(ids[joined...].prefix(k)) == Array(saved.edge.prefix(min(k, ids.count - joined))) else { return nil }
      if let total = first.total, total != saved.total + joined { return nil }
      guard joined > 0 else { return saved }
      let counted = try await commit(try await prepare(page: decoded), markKey: nil)
      summary.add(page: counted)
      progress(SyncProgress(scope: scope.label, pages: 1, messages: counted.messages, total: first.total))
      return ScopeEdge(order: .newestFirst, total: saved.total + joined, edge: Array(ids.prefix(ScopeEdge.overlap)))
    }
  }
}
