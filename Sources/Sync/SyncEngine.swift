import Foundation
import FHIR
import Store

/// Where a sync stands, for a progress line.
public struct SyncProgress: Sendable, Equatable {
  public var scope: String
  public var pages: Int
  public var messages: Int
  public var total: Int?
}

/// What a completed sync did.
public struct SyncSummary: Sendable, Equatable {
  public var messages: Int
  public var patients: Int
  public var practitioners: Int
  public var pages: Int
  /// Resources the server sent that could not be read as patient messages (malformed, or no patient party).
  public var skipped: Int = 0
}

public enum SyncError: Error, CustomStringConvertible, Equatable {
  case unknownPractitioner(String)
  public var description: String {
    switch self {
    case .unknownPractitioner(let id): return "unknown practitioner: the server has no Practitioner/\(id)"
    }
  }
}

/// Sync v1: pages through the acting practitioner's messages (to me, then from me), fetches the patients and
/// practitioners they name, and stores each page in one transaction — so an interrupted sync keeps every page
/// it finished and a rerun completes it (Canvas has no `_lastUpdated`: re-paging and upserting by id is the way).
public final class SyncEngine: @unchecked Sendable {
  let client: FHIRClient
  let store: Store
  /// The acting practitioner's id (the key, without `Practitioner/`).
  let me: String
  public let pageSize: Int
  let now: @Sendable () -> Date

  /// How far before the high-water mark an incremental pull starts again (a transaction stamped earlier may
  /// commit later).
  let overlap: TimeInterval

  public init(client: FHIRClient, store: Store, practitionerID: String, pageSize: Int = 100,
              now: @escaping @Sendable () -> Date = Date.init, overlap: TimeInterval = 5) {
    self.client = client; self.store = store; self.me = practitionerID; self.pageSize = pageSize; self.now = now
    self.overlap = overlap
  }

  /// Checks that the acting practitioner exists (and caches them): the first thing a sync does.
  public func fetchActingPractitioner() async throws {
    do {
      let (p, raw) = try await client.read(Practitioner.self, "Practitioner", id: me)
      try store.write { db in try Store.upsert(practitioner: p, raw: raw, in: db, at: now()) }
    } catch FHIRError.notFound {
      throw SyncError.unknownPractitioner(me)
    }
  }

  public func run(progress: @escaping (SyncProgress) -> Void = { _ in }) async throws -> SyncSummary {
    try await fetchActingPractitioner()
    var summary = SyncSummary(messages: 0, patients: 0, practitioners: 0, pages: 0)
    // Canvas offers no `_lastUpdated`: re-page each scope and reconcile by id. Whole threads of the patients
    // the clinician opened come too, with what colleagues wrote to them.
    var scopes = [("messages to me", ("recipient", "Practitioner/\(me)")), ("messages from me", ("sender", "Practitioner/\(me)"))]
    for patient in try store.followedPatients() {
      scopes.append(("followed threads", ("patient", "Patient/\(patient)")))
    }
    // A server that searches by `_lastUpdated` is asked only for what changed since the high-water mark of
    // each scope, less an overlap: upserts by id make the overlap harmless.
    let capabilities = try? await client.capabilities()
    let incremental = capabilities?.offersIncrementalCommunication == true
    let sorted = capabilities?.sortsCommunicationByLastUpdated == true
    for (label, (parameter, value)) in scopes {
      var state = SyncProgress(scope: label, pages: 0, messages: 0, total: nil)
      var params = [(parameter, value), ("_count", String(pageSize))]
      let markKey = "hwm \(parameter)=\(value)"
      if incremental {
        if sorted { params.append(("_sort", "_lastUpdated")) }
        if let mark = try store.syncValue(markKey).flatMap(Instant.parse) {
          params.append(("_lastUpdated", "ge" + Instant.format(mark.addingTimeInterval(-overlap))))
        }
      }
      // Sorted, each page's newest is a mark a killed sync can resume from; unsorted, the mark moves only once
      // the whole delta of the scope is in (the server's clock, `meta.lastUpdated`, never ours).
      var newest: Date?
      var bundle = try await client.search("Communication", params)
      // Unsorted, the mark is when the server gave the first page (everything older has been seen), else the
      // newest change that came; an empty delta still moves it. The server's clock, never ours.
      let answeredAt = bundle.meta?.lastUpdated.flatMap(Instant.parse)
      while true {
        state.total = bundle.total ?? state.total
        let counted = try await store(page: bundle, markKey: incremental && sorted ? markKey : nil)
        newest = [newest, counted.newest].compactMap { $0 }.max()
        summary.messages += counted.messages
        summary.patients += counted.patients
        summary.practitioners += counted.practitioners
        summary.skipped += counted.skipped
        summary.pages += 1
        state.pages += 1
        state.messages += counted.messages
        progress(state)
        guard let next = bundle.next else { break }
        bundle = try await client.page(next)
      }
      if incremental, let mark = sorted ? (newest == nil ? answeredAt : nil) : (answeredAt ?? newest) {
        try store.write { db in try Store.advanceSyncMark(markKey, to: mark, in: db) }
      }
    }
    // Staff and routing are extras: a server without Practitioner or Task search still syncs its messages.
    try await optional { try await syncStaff() }
    try await optional { try await syncTasks() }
    try store.setSyncValue("last_sync", String(now().timeIntervalSince1970))
    try store.setSyncValue("server", client.server.absoluteString)
    return summary
  }

  /// Runs `body`; a server that does not offer what it asks (404, 405, not FHIR) is not an error.
  func optional(_ body: () async throws -> Void) async throws {
    do { try await body() } catch let e as FHIRError {
      switch e {
      case .notFound, .notFHIR, .malformed: return
      case .server(let status, _) where status == 405 || status == 400: return
      default: throw e
      }
    }
  }

  /// The staff for the picker: Canvas returns only schedulable staff unless asked, so both searches tell
  /// which is which.
  public func syncStaff() async throws {
    for includeAll in [false, true] {
      var params = [("_count", "100")]
      if includeAll { params.append(("include-non-schedulable-practitioners", "true")) }
      var bundle = try await client.search("Practitioner", params)
      while true {
        let staff = bundle.decodable(Practitioner.self, named: "Practitioner").resources
        let at = now()
        try store.write { db in
          for (p, raw) in staff { try Store.upsert(practitioner: p, raw: raw, in: db, at: at) }
          try Store.setSchedulable(staff.compactMap(\.0.id), !includeAll, in: db)
        }
        guard let next = bundle.next else { break }
        bundle = try await client.page(next)
      }
    }
  }

  /// Messages routed to me: the Tasks I own, and the messages they link to (by `focus`, or by the link note
  /// where the server — Canvas — kept no `focus`), fetched by `_id` when not cached. A Task that leads to no
  /// message still shows, as a routed item of its own.
  func syncTasks() async throws {
    var bundle = try await client.search("Task", [("owner", "Practitioner/\(me)"), ("_count", "100")])
    while true {
      let tasks = bundle.decodable(FHIRTask.self, named: "Task").resources
      let at = now()
      try store.write { db in for (t, raw) in tasks { try Store.upsert(task: t, raw: raw, in: db, at: at) } }
      guard let next = bundle.next else { break }
      bundle = try await client.page(next)
    }
    for id in try store.tasksWithoutMessage() {
      let found = try await client.search("Communication", [("_id", id)])
      _ = try await store(page: found)
    }
    try store.showTasksWithoutMessage(at: now())
  }

  /// Fetches the people a page names that the cache lacks, then writes the page in one transaction.
  /// `markKey`: keep the page's newest `meta.lastUpdated` as the scope's high-water mark, in the same
  /// transaction as the page, so a sync killed midway resumes where its last page ended.
  func store(page bundle: SearchBundle, markKey: String? = nil) async throws
    -> (messages: Int, patients: Int, practitioners: Int, skipped: Int, newest: Date?) {
    let (messages, malformed) = bundle.decodable(Communication.self, named: "Communication")
    var patientIDs = Set<String>(), staffIDs = Set<String>()
    for (c, _) in messages {
      for ref in [c.sender] + (c.recipient ?? []) + [c.subject] {
        guard let ref, let id = ref.id else { continue }
        switch ref.resourceType {
        case "Patient": patientIDs.insert(id)
        case "Practitioner": staffIDs.insert(id)
        default: break
        }
      }
    }
    let (missingPatients, missingStaff) = try store.read { db in
      (try Store.missingPatients(patientIDs, in: db), try Store.missingPractitioners(staffIDs, in: db))
    }
    var patients: [(Patient, JSONValue)] = []
    for id in missingPatients.sorted() {
      do { patients.append(try await client.read(Patient.self, "Patient", id: id)) }
      catch FHIRError.notFound { continue }   // a message may name a patient we may not read; keep the message
    }
    var staff: [(Practitioner, JSONValue)] = []
    for id in missingStaff.sorted() {
      do { staff.append(try await client.read(Practitioner.self, "Practitioner", id: id)) }
      catch FHIRError.notFound { continue }
    }
    let at = now()
    let newest = messages.compactMap { $0.0.meta?.lastUpdated.flatMap(Instant.parse) }.max()
    let stored = try store.write { db -> Int in
      for (p, raw) in patients { try Store.upsert(patient: p, raw: raw, in: db, at: at) }
      for (p, raw) in staff { try Store.upsert(practitioner: p, raw: raw, in: db, at: at) }
      var n = 0
      for (c, raw) in messages where try Store.upsert(message: c, raw: raw, in: db, at: at) { n += 1 }
      if let markKey, let newest { try Store.advanceSyncMark(markKey, to: newest, in: db) }
      return n
    }
    return (stored, patients.count, staff.count, malformed + messages.count - stored, newest)
  }
}
