import Foundation
import Clinic
import FHIR
import FHIRMapping
import Store

/// What the companion's changes feed told one cycle.
struct FeedPass {
  /// Whether there is a companion to ask.
  var asked = false
  /// The inboxes (a staff id, or `*` for Any staff) whose feed answered from a cursor kept before: it brought
  /// everything new in them, so their scopes need no re-page until the slow schedule's.
  var current: Set<String> = []
  /// Why the feed could not be used: the cycle then polls as without the companion.
  var problem: String?
  /// Patients the feed brought new messages of: their opened threads and check-ins are asked at once.
  var patients: Set<PatientID> = []
  /// The inboxes whose feed starts over (no cursor, or one refused): walked whole, then read from the start.
  var fresh: Set<String> = []

  /// Whether the feed answered: while it does, opened threads and check-ins wait for the slow schedule.
  var answered: Bool { asked && problem == nil }
}

extension SyncEngine {
  /// The feed's names for the inboxes a cycle watches: the acting clinician, each covered colleague, and `*` while
  /// Any staff is on.
  public func feedStaff() throws -> [String] {
    var staff = ([me] + (try coveredColleagues())).map(\.rawValue)
    if try store.syncsAnyStaff() { staff.append("*") }
    return staff
  }

  /// Each watched inbox's changes since its cursor: read state (made in Canvas's UI, which FHIR never shows, or in a
  /// colleague's clinbox) onto cached messages, and the messages and tasks the cache lacks read by id — each page's
  /// fetched and stored before its cursor moves, so a cycle cut short loses nothing. An inbox with no cursor (the
  /// first time) or one the plugin refused starts over: its scopes are walked whole this cycle, and its feed read
  /// from the start afterwards (`pullFreshFeeds`). A feed that cannot be used (unreachable, the key refused, not
  /// the contract) is a `problem`, not a failed cycle.
  func pullFeed(into summary: inout SyncSummary) async throws -> FeedPass {
    guard companion != nil else { return FeedPass() }
    var pass = FeedPass(asked: true)
    do {
      for staff in try feedStaff() {
        guard let since = try store.syncValue("companion \(staff)") else {
          try startOver(staff, &pass)
          continue
        }
        do {
          try await readFeed(staff, from: since, fetching: true, into: &summary, &pass)
          pass.current.insert(staff)
        } catch CompanionTrouble.refused(400, _) {
          try startOver(staff, &pass)
        }
      }
    } catch let trouble as CompanionTrouble {
      pass.problem = trouble.description
      pass.current = []
    }
    return pass
  }

  /// After the scopes were walked: the feeds that start over, read from their start for read state only (the walk
  /// brought the messages; reading thousands one by one would be absurd), their cursors kept for the next cycle.
  func pullFreshFeeds(_ pass: inout FeedPass, into summary: inout SyncSummary) async throws {
    guard pass.problem == nil else { return }
    do {
      for staff in pass.fresh.sorted() { try await readFeed(staff, from: nil, fetching: false, into: &summary, &pass) }
    } catch let trouble as CompanionTrouble {
      pass.problem = trouble.description
    }
  }

  private func startOver(_ staff: String, _ pass: inout FeedPass) throws {
    try walkWhole(staff)
    pass.fresh.insert(staff)
  }

  /// One inbox's feed from `cursor` to its end, the cursor kept after each page.
  private func readFeed(_ staff: String, from cursor: String?, fetching: Bool, into summary: inout SyncSummary,
                        _ pass: inout FeedPass) async throws {
    guard let companion else { return }
    var since = cursor
    while true {
      let page = try await companion.changes(staff: staff, since: since)
      let reads = page.changes.filter { $0.type == "message" }.map { (MessageID(rawValue: $0.id), $0.read) }
      try store.applyServerReads(reads)
      if fetching {
        let tasks = page.changes.filter { $0.type == "task" }.map { TaskID(rawValue: $0.id) }
        pass.patients.formUnion(try await fetch(messages: try store.uncachedMessages(reads.map(\.0)), tasks: tasks,
                                                into: &summary))
      }
      if let next = page.next { try store.setSyncValue("companion \(staff)", next) }
      since = page.next ?? since
      if !page.more { return }
    }
  }

  /// Sends `staff`'s scopes (all of Any staff's for `*`) back to a full walk, this cycle.
  func walkWhole(_ staff: String) throws {
    for scope in try scopes() where scope.staff == staff {
      try store.setSyncValue("full \(scope.key)", "0")
    }
  }

  /// Reads the messages and tasks the feed named that the cache lacks (or that changed: a task's state), stores
  /// them, and says whose threads the messages are in.
  func fetch(messages: [MessageID], tasks: [TaskID], into summary: inout SyncSummary) async throws
    -> Set<PatientID> {
    if !messages.isEmpty {
      let raws = try await readEach(Communication.self, "Communication", messages.map(\.rawValue)).map(\.1)
      summary.add(page: try await commit(try await prepare(page: DecodedPage(raws)), markKey: nil))
    }
    if !tasks.isEmpty {
      let routed = try await readEach(FHIRTask.self, "Task", tasks.map(\.rawValue))
        .compactMap { SyncedTask($0.0, raw: $0.1) }
      try store.transaction(at: now()) { cache in for task in routed { try cache.upsert(task) } }
      try await fetchTaskMessages()
    }
    return try store.patients(ofMessages: messages)
  }
}

extension SyncEngine {
  /// Whether a scope can wait this cycle because the feed brought what is new in it: a scope whose inbox's feed
  /// answered from its cursor waits for the slow schedule's full walk; a followed thread (colleagues' messages, which
  /// no watched feed carries) for the feed's slow schedule, or until the feed brings a message of its patient.
  /// `s` (`repage: .always`) waits for nothing.
  func waits(_ scope: SyncScope, _ feed: FeedPass, _ repage: Repage) -> Bool {
    guard repage == .whenDue, feed.answered, !isDue(scope.key) else { return false }
    if let staff = scope.staff { return feed.current.contains(staff) }
    guard let patient = scope.patient else { return false }
    return !feed.patients.contains(patient) && !isDue("asked \(scope.key)", every: feedSlowInterval)
  }

  /// Whether routed tasks can wait: the acting clinician's feed brings each task they own or requested.
  func tasksWait(_ feed: FeedPass, _ repage: Repage) -> Bool {
    repage == .whenDue && feed.current.contains(me.rawValue) && !isDue("tasks")
  }

  /// The opened threads whose check-ins are asked this cycle: all of them without the feed and on its slow schedule,
  /// else those of the patients whose messages it brought.
  func checkInsAsked(_ feed: FeedPass, _ repage: Repage) -> Set<PatientID>? {
    guard repage == .whenDue, feed.answered, !isDue("asked checkins", every: feedSlowInterval) else { return nil }
    return feed.patients
  }
}
