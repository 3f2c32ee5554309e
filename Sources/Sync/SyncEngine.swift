import Foundation
import FHIR
import FHIRMapping
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
  /// Why the companion's changes feed could not be used this cycle (the cycle polled instead); nil when it answered
  /// or there is none.
  public var feedProblem: String?

  public init(messages: Int = 0, patients: Int = 0, practitioners: Int = 0, pages: Int = 0) {
    self.messages = messages; self.patients = patients; self.practitioners = practitioners; self.pages = pages
  }

  /// Counts one stored page in.
  mutating func add(page counted: (messages: Int, patients: Int, practitioners: Int, skipped: Int, newest: Date?)) {
    messages += counted.messages
    patients += counted.patients
    practitioners += counted.practitioners
    skipped += counted.skipped
    pages += 1
  }
}

public enum SyncError: Error, CustomStringConvertible, Equatable {
  case unknownPractitioner(String)
  case noFHIRServer(String)
  public var description: String {
    switch self {
    case .unknownPractitioner(let id):
      return "unknown practitioner: the server has no Practitioner/\(id) (clinbox practitioners --all lists the staff)"
    case .noFHIRServer(let url):
      return "no FHIR server answers at \(url) (no /metadata there): is the base path right? "
        + "Canvas's is https://fumage-<instance>.canvasmedical.com, with no /fhir"
    }
  }
}

/// Pulls the acting practitioner's messages (to me, from me, and the threads I opened), fetches the patients and
/// practitioners they name, and stores each page in one transaction — so an interrupted sync keeps every page
/// it finished and a rerun completes it. On an R4 server with `_lastUpdated` only what changed is asked for
/// (`pullChanges`); on Canvas, only the pages beyond what the cache holds, with a full walk on a slow schedule
/// (`pullPages`).
/// `@unchecked Sendable`: its `var`s are settings given before the first cycle and not changed while one runs.
public final class SyncEngine: @unchecked Sendable {
  let client: FHIRClient
  let store: Store
  /// The acting practitioner's id (the key, without `Practitioner/`).
  let me: StaffID
  public let pageSize: Int
  /// How many people a page names are read at once (`readEach`).
  let readsAtOnce: Int
  let now: @Sendable () -> Date
  /// Colleagues (`Practitioner/<id>`) whose inboxes are synced too, as scopes of their own: the config's and
  /// `--cover`'s, with those chosen in the inbox (`Store.coveredColleagues`).
  public var cover: [StaffID] = []
  /// The companion plugin, whose changes feed brings what changed (and read state made elsewhere); nil without it.
  public var companion: CompanionClient?
  /// While the feed answers, how often opened threads and their check-ins are asked anyway (colleagues' messages to
  /// a followed patient come in no watched feed).
  public var feedSlowInterval: TimeInterval = 10 * 60

  /// How far before the high-water mark an incremental pull starts again (a transaction stamped earlier may
  /// commit later).
  let overlap: TimeInterval

  public init(client: FHIRClient, store: Store, practitionerID: StaffID, pageSize: Int = 100,
              now: @escaping @Sendable () -> Date = Date.init, overlap: TimeInterval = 5, readsAtOnce: Int = 6) {
    self.client = client; self.store = store; self.me = practitionerID; self.pageSize = pageSize; self.now = now
    self.overlap = overlap
    self.readsAtOnce = readsAtOnce
  }

  /// Checks that the acting practitioner exists (and caches them): the first thing a sync does.
  public func fetchActingPractitioner() async throws {
    do {
      let (p, raw) = try await client.read(Practitioner.self, "Practitioner", id: me.rawValue)
      if let staff = SyncedStaff(p, raw: raw) { try store.transaction(at: now()) { try $0.upsert(staff) } }
    } catch FHIRError.notFound {
      // A wrong base path answers 404 too: only a server that serves /metadata there can lack the practitioner.
      do { _ = try await client.metadata() } catch let e as FHIRError where e.isAuthentication || e.isTransient {
        throw e   // the server is there: who we are, or the network, is the matter
      } catch { throw SyncError.noFHIRServer(client.server.absoluteString) }
      throw SyncError.unknownPractitioner(me.rawValue)
    }
  }

  /// When a Canvas scope is paged through whole: `always` (a clinician's `s`, `clinbox sync`), or `whenDue` —
  /// every `fullRepageInterval`, and in between only the pages beyond what the cache holds.
  public enum Repage: Sendable { case always, whenDue }

  /// How often a scope is re-paged whole on the slow schedule: it is how `received` set in Canvas's web UI, and
  /// anything else changed in place, reaches the cache.
  public var fullRepageInterval: TimeInterval = 30 * 60

  /// How many patients' check-ins one cycle asks for on the slow schedule's sweep: a first sync of a large practice
  /// is not held up by a request a patient; the sweep goes on over the next cycles until every patient is asked.
  public var checkInSweepBatch = 500

  public func run(repage: Repage = .always,
                  progress: @escaping (SyncProgress) -> Void = { _ in }) async throws -> SyncSummary {
    // Who I am and the staff change rarely: checked on every full sync and on the slow schedule.
    let peopleDue = repage == .always || isDue("staff")
    if peopleDue { try await fetchActingPractitioner() }
    var summary = SyncSummary(messages: 0, patients: 0, practitioners: 0, pages: 0)
    // A server that searches by `_lastUpdated` is asked only for what changed since each scope's mark; Canvas,
    // which cannot, is paged and reconciled by id.
    let capabilities = try? await client.capabilities()
    let incremental = capabilities?.offersIncrementalCommunication == true
    let sorted = capabilities?.sortsCommunicationByLastUpdated == true
    // The companion's changes feed first: what it brings, the scopes need not be paged for.
    var feed = try await pullFeed(into: &summary)
    for scope in try scopes() where !waits(scope, feed, repage) {
      func pull() async throws {
        if incremental {
          try await pullChanges(scope, sorted: sorted, into: &summary, progress: progress)
        } else {
          try await pullPages(scope, repage: repage, into: &summary, progress: progress)
        }
      }
      // A search with no filter (Any staff) is not in Canvas's documented list: a server that refuses it still
      // syncs everything else.
      if scope.filter.isEmpty { try await optional(pull) } else { try await pull() }
      if scope.patient != nil { try done("asked \(scope.key)") }
    }
    try await pullFreshFeeds(&feed, into: &summary)
    summary.feedProblem = feed.problem
    // Staff and routing are extras: a server without Practitioner or Task search still syncs its messages.
    // Staff change rarely: they come with the slow schedule.
    if peopleDue {
      try await optional { try await syncStaff() }
      try store.setSyncValue("full staff", String(now().timeIntervalSince1970))
    }
    if !tasksWait(feed, repage) {
      try await optional { try await syncTasks() }
      try done("tasks")
    }
    // Check-ins are an extra too (an R4 server may keep none); everyone's on the slow schedule only.
    var swept = false
    let asked = checkInsAsked(feed, repage)
    try await optional {
      swept = try await PhaseClock.shared.time(.checkins) {
        try await syncCheckIns(everyone: isDue("checkins"), only: asked)
      }
    }
    if swept { try done("checkins") }
    if asked == nil { try done("asked checkins") }
    // What this cycle stored goes into the search index in a few large transactions, not a page at a time.
    try PhaseClock.shared.time(.store) { try store.indexPendingSearch() }
    try store.setSyncValue("last_sync", String(now().timeIntervalSince1970))
    try store.setSyncValue("server", client.server.absoluteString)
    return summary
  }

  /// Runs `body`; a server that does not offer what it asks (404, 405, not FHIR) is not an error.
  func optional(_ body: () async throws -> Void) async throws {
    do { try await body() } catch let e as FHIRError {
      switch e {
      case .notFound, .notFHIR, .malformed: return
      case .server(let status, _) where status == 405 || status == 400 || status == 422: return
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
      for try await bundle in client.pages("Practitioner", params) {
        let staff = bundle.decodable(Practitioner.self, named: "Practitioner").resources
        let at = now()
        let members = staff.compactMap { SyncedStaff($0.0, raw: $0.1) }
        try store.transaction(at: at) { cache in
          for member in members { try cache.upsert(member) }
          try cache.setSchedulable(members.map(\.member.id), !includeAll)
        }
      }
    }
  }

  /// Messages routed to me and by me: the Tasks I own or requested, and the messages they link to (by `focus`, or by
  /// the link note
  /// where the server — Canvas — kept no `focus`), fetched by `_id` when not cached. A Task that leads to no
  /// message still shows, as a routed item of its own.
  func syncTasks() async throws {
    // Routed to me, and routed by me (Routed by me shows where each stands on the server now).
    for who in ["owner", "requester"] {
      for try await bundle in client.pages("Task", [(who, me.reference), ("_count", "100")]) {
        let tasks = bundle.decodable(FHIRTask.self, named: "Task").resources
        let at = now()
        let routed = tasks.compactMap { SyncedTask($0.0, raw: $0.1) }
        try store.transaction(at: at) { cache in for task in routed { try cache.upsert(task) } }
      }
    }
    try await fetchTaskMessages()
  }

  /// The messages routed tasks link to that the cache lacks, by `_id`; a task that leads to none shows on its own.
  func fetchTaskMessages() async throws {
    for id in try store.tasksWithoutMessage() {
      let found = try await client.search("Communication", [("_id", id.rawValue)])
      _ = try await store(page: found)
    }
    try store.showTasksWithoutMessage(at: now())
  }
}
