import Foundation
import Clinic
import FHIR
import Store
import FHIRMapping

/// One search a sync pages through: the acting practitioner's messages to them, from them, and the whole
/// threads of the patients they opened (with what colleagues wrote to them).
struct SyncScope {
  let label: String
  /// The search's filter: one parameter, or none for every Communication the server has (Any staff).
  let filter: [(String, String)]
  /// The companion's changes feed that covers it: a staff id, `*` for Any staff, nil for a followed thread (whose
  /// colleagues' messages no watched feed brings).
  let staff: String?
  /// The patient of a followed thread.
  let patient: PatientID?

  init(label: String, parameter: String, value: String, staff: StaffID? = nil, patient: PatientID? = nil) {
    self.label = label
    filter = [(parameter, value)]
    self.staff = staff?.rawValue
    self.patient = patient
  }

  init(label: String, everything: Void) {
    self.label = label
    filter = []
    staff = "*"
    patient = nil
  }

  /// The search's parameters with a page size (and `extra`).
  func parameters(pageSize: Int, _ extra: [(String, String)] = []) -> [(String, String)] {
    filter + [("_count", String(pageSize))] + extra
  }

  /// The key of what the cache keeps about this scope (its mark, or where its pages end).
  var key: String { filter.map { "\($0.0)=\($0.1)" }.first ?? "everything" }
}

/// What a walk through a search's pages saw.
struct PageWalk {
  /// How many Communications the pages held, and the ids of the first and of the last few in the server's order
  /// (all a scope's edge needs: a million ids kept for it were 30 MB).
  var count = 0
  var first: [String] = []
  var last: [String] = []

  mutating func saw(_ id: String) {
    count += 1
    if first.count < ScopeEdge.overlap { first.append(id) }
    last.append(id)
    if last.count > ScopeEdge.overlap { last.removeFirst() }
  }

  /// The `sent` of the first and of the last message, to tell the order the server lists them in.
  var firstSent: Date?
  var lastSent: Date?
  var newestChange: Date?
}

extension SyncEngine {
  func scopes() throws -> [SyncScope] {
    var scopes = [SyncScope(label: "messages to me", parameter: "recipient", value: me.reference, staff: me),
                  SyncScope(label: "messages from me", parameter: "sender", value: me.reference, staff: me)]
    for colleague in try coveredColleagues() {
      scopes.append(SyncScope(label: "covered inbox", parameter: "recipient", value: colleague.reference,
                              staff: colleague))
    }
    // Any staff: every Communication of the practice, only once the clinician asked for it (its cost shown first).
    if try store.syncsAnyStaff() { scopes.append(SyncScope(label: "any staff", everything: ())) }
    for patient in try store.followedPatients() {
      scopes.append(SyncScope(label: "followed threads", parameter: "patient", value: patient.reference,
                              patient: patient))
    }
    return scopes
  }

  /// Everyone covered: the engine's own list and the cache's (chosen in the inbox), each once, never me.
  func coveredColleagues() throws -> [StaffID] {
    try store.coveredColleagues(adding: cover).filter { $0 != me }
  }

  /// Whether the slow schedule's time has come for `what` (a scope's key, or "staff"): `every` since the time kept
  /// under "full <what>" (the full walk's schedule, by default).
  func isDue(_ what: String, every: TimeInterval? = nil) -> Bool {
    guard let last = (try? store.syncValue("full \(what)")).flatMap({ $0 }).flatMap(Double.init) else { return true }
    return now().timeIntervalSince1970 - last >= (every ?? fullRepageInterval)
  }

  /// Keeps now as when `what` was last done on the slow schedule.
  func done(_ what: String) throws {
    try store.setSyncValue("full \(what)", String(now().timeIntervalSince1970))
  }

  /// Stores `bundle` and every page after it, counting into `summary`; `markKey` keeps each page's newest change
  /// as the scope's mark (for sorted incremental pulls). Three pages are under way at once: one being fetched
  /// (`SearchPages`), one decoded with the people it names read, one written — each write after the one before.
  /// `decoded`: the first page, where the caller decoded it already (each page is decoded once).
  func walk(from first: SearchBundle, decoded: DecodedPage? = nil, _ scope: SyncScope, markKey: String? = nil,
            into summary: inout SyncSummary, progress: (SyncProgress) -> Void) async throws -> PageWalk {
    var state = SyncProgress(scope: scope.label, pages: 0, messages: 0, total: nil)
    var walked = PageWalk()
    var writing: Task<StoredPage, Error>?
    var read = Set<String>()
    func account(_ counted: StoredPage) {
      walked.newestChange = [walked.newestChange, counted.newest].compactMap { $0 }.max()
      summary.add(page: counted)
      state.pages += 1
      state.messages += counted.messages
      progress(state)
    }
    var firstPage = decoded
    do {
      for try await bundle in client.pages(from: first) {
        state.total = bundle.total ?? state.total
        let page = firstPage ?? DecodedPage(bundle)
        firstPage = nil
        let prepared = try await prepare(page: page, alreadyRead: read)
        read.formUnion(prepared.read)
        for entry in page.entries {
          guard let id = entry.id else { continue }
          walked.saw(id)
          if walked.firstSent == nil { walked.firstSent = entry.sent }
          walked.lastSent = entry.sent ?? walked.lastSent
        }
        if let previous = writing { account(try await previous.value) }
        writing = Task { try await self.commit(prepared, markKey: markKey) }
      }
      if let previous = writing { account(try await previous.value) }
    } catch {
      // The page being written is written whole before the sync says it failed.
      _ = try? await writing?.value
      throw error
    }
    return walked
  }

  /// The incremental pull of an R4 server: what changed since the scope's mark, less an overlap (upserts by
  /// id make the overlap harmless).
  func pullChanges(_ scope: SyncScope, sorted: Bool, into summary: inout SyncSummary,
                   progress: (SyncProgress) -> Void) async throws {
    var params = scope.parameters(pageSize: pageSize)
    let markKey = "hwm \(scope.key)"
    if sorted { params.append(("_sort", "_lastUpdated")) }
    if let mark = try store.syncValue(markKey).flatMap(Instant.parse) {
      params.append(("_lastUpdated", "ge" + Instant.format(mark.addingTimeInterval(-overlap))))
    }
    let first = try await client.search("Communication", params)
    // Sorted, each page's newest change is a mark a killed sync can resume from. Unsorted, the mark moves once
    // the whole delta is in: to when the server gave the first page (all older changes have been seen), else
    // to the newest change that came. An empty delta still moves it. The server's clock, never ours.
    let answeredAt = first.meta?.lastUpdated.flatMap(Instant.parse)
    let walked = try await walk(from: first, scope, markKey: sorted ? markKey : nil, into: &summary, progress: progress)
    if let mark = sorted ? (walked.newestChange == nil ? answeredAt : nil) : (answeredAt ?? walked.newestChange) {
      try store.transaction { try $0.advanceSyncMark(markKey, to: mark) }
    }
  }
}

extension SyncEngine {
  /// What syncing Any staff would fetch: how many Communications the server holds (a search for one, read for
  /// its `total`), and so how many requests of `pageSize`. Nil where the server gives no total.
  public func anyStaffCost() async throws -> (messages: Int, requests: Int)? {
    let first = try await client.search("Communication", [("_count", "1")])
    guard let total = first.total else { return nil }
    return (total, (total + pageSize - 1) / pageSize)
  }
}
