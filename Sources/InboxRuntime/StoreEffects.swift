import Audit
import Foundation
import InboxApp
import Store
import Templates

/// What the inbox asks of the background sync: everything (the `s` key: each scope walked whole) or what a write
/// needs (the outbox sent now, and what changed).
public enum SyncAsk: Sendable { case everything, writes }

/// The effects that read and write the cache. One instance serves one runtime: on its effect queue, and a view's
/// count on a queue of its own (which reads the Store only).
///
/// `@unchecked Sendable`: its mutable parts (the watches, the audit trail and its backlog, the hooks) are used on
/// the effect queue only, one effect at a time; what the counting queue touches is the Store (thread-safe) and
/// `toldUpTo`, under `telling`.
public final class StoreEffects: EffectHandler, @unchecked Sendable {
  let store: Store
  /// Asks the background sync for a cycle now (`s`, and after a write that has something to send).
  var onSyncRequest: (@Sendable (SyncAsk) -> Void)?
  /// The profile the cache's own trail records under, once the cache can be written (`audit(to: nil, …)`).
  var auditProfile: String?
  /// Posts what arrives later (the sidebar's counts, counted apart from the effect queue).
  var post: @Sendable (Action) -> Void = { _ in }
  /// Notices commits of other processes to the same cache; made at the first look.
  private var watch: ChangeWatch?
  private var observation: AnyObject?
  private var observing: (@Sendable (Action) -> Void)?

  /// Where what the clinician does is recorded (`AuditTrail`), and the profile it is recorded under.
  var audit: (trail: AuditTrail, profile: String)?
  /// Events the trail could not take yet (a full disk), oldest first: written before the next one.
  var auditBacklog: [AuditEvent] = []
  /// Why the trail last refused an event, until the screen is told.
  var auditRefused: Error?
  /// The newest message row already told of (`Arrivals.swift`); nil until the first count at start.
  var toldUpTo: Int64?
  let telling = NSLock()

  /// The run's configuration (time zone, templates, the practice, the views alerts watch): fixed from the start.
  let config: AppState.Configuration

  public init(store: Store, config: AppState.Configuration = AppState.Configuration()) {
    self.store = store; self.config = config
  }

  public func connect(later: @escaping @Sendable (Action) -> Void, changed: @escaping @Sendable (Action) -> Void) {
    post = later
    observe(changed)
  }

  public func syncWith(_ trigger: @escaping @Sendable (SyncAsk) -> Void) { onSyncRequest = trigger }

  public func perform(_ request: Request) -> [Action] {
    let effect = request.effect
    do {
      let actions = try run(request)
      // This runtime's own writes already re-read the screen: the change watch is for other processes' commits,
      // so it takes these as seen instead of re-reading everything once more at the next tick.
      if Self.writes(effect) { _ = watch?.changed() }
      // Done is done: a trail that cannot be written (a full disk) keeps its events for later, and says so.
      recordAudit(request)
      if let refused = auditRefused {
        auditRefused = nil
        return actions + [.noticeShown(auditDeferred(refused))]
      }
      return actions
    } catch let step as NotTaken {
      return step.actions
    } catch {
      if CacheRepair.isDamage(error) { CacheRepair.markDamaged(store.path) }
      // A step the screen already shows taken (a row marked done) is read back as the cache has it: not taken.
      let readBack: [Action] = Self.writes(effect) ? [.cacheChanged] : []
      if store.readOnly != nil { return [.noticeShown(refused(error, "not saved"))] + readBack }
      return [.noticeShown(CacheTrouble.words(for: error, cache: store.path) ?? "cache error: \(error)")] + readBack
    }
  }

  /// Whether an effect commits to the cache.
  static func writes(_ effect: Effect) -> Bool {
    switch effect {
    case .loadThread, .setUnread, .setDone, .route, .cancelRoute, .saveDraft, .deleteDraft, .sendMessage, .retry,
         .discardFailed, .recordCheckIn, .recordMessage, .saveUnsaved:
      return true
    default:
      return false
    }
  }

  // One case an effect; each is a bounded read or a small write. The switch is long, not deep.
  private func run(_ request: Request) throws -> [Action] {
    if let acted = try act(request) { return acted }
    let now = request.at
    switch request.effect {
    case .loadInbox(let query, let offset, let limit, let total):
      let rows = try store.messages(query, offset: offset, limit: limit, total: total)
      return [.inboxLoaded(offset: offset, rows: rows, total: nil, query: query)]
    case .countView(let query):
      // Counting a large view costs more than a page (tenths of a second at a million): the runtime performs it
      // apart, and the page is on screen before it.
      return [.viewCounted(total: try store.count(query), query: query)]
    case .loadThread(let patientID):
      return try openThread(patientID, request) + [checkIns(patientID)]
    case .reload(let query, let selectedID, let threadPatientID, let nameActing, let counts):
      // What is read now includes every commit so far: the change watch takes them as seen. The sidebar's counts
      // come with it (a sum of counters: a sync's pages show in them as they show in the list).
      _ = watch?.changed()
      countInBackground(counts)
      return try reload(query, selectedID: selectedID, threadPatientID: threadPatientID,
                        naming: nameActing ? request.clinician : nil)
    case .loadCounts(let counts):
      countInBackground(counts)
      return []
    case .loadStaff(let all):
      return [.staffLoaded(try store.staffForPicker(includeNonSchedulable: all))]
    case .setUnread(let id, let patient, let unread):
      try store.setUnread(id, unread, at: now)
      // Only with the companion is the recipient looked up: `u` costs no read of the cache otherwise.
      if config.sharesReadState, let patient, try store.staffRecipient(ofMessage: id) == request.clinician {
        shareReads([id], read: !unread, of: patient, request)
      }
      return afterTriage(sync: false)
    case .startCompose(let patientID, let returnTo):
      return [try composeStarted(patientID, returnTo: returnTo, request)]
    case .askForCheckIn(let patientID, let formName, let returnTo):
      // A draft already started is not replaced: the request goes after what is written.
      guard case .composeStarted(let p, let name, let draftID, let text, _, var values, let back, let thread)
              = try composeStarted(patientID, returnTo: returnTo, request) else { return [] }
      values["checkin.name"] = formName
      let template = config.templates.first { $0.id == "check-in-request" }
      let request = template.map { TemplateRenderer.render($0.body, values: values).preview } ?? ""
      let body = text.isEmpty ? request : text + "\n\n" + request
      return [.composeStarted(patientID: p, patientName: name, draftID: draftID, text: body, cursor: body.count,
                              values: values, returnTo: back, thread: thread)]
    case .saveDraft(let id, let patientID, let text, let cursor, let keptOutside):
      guard let me = request.clinician else { return [] }
      let saved: String
      do {
        saved = try store.saveDraft(id: id, patientID: patientID, from: me, text: text, cursor: cursor, at: now)
      } catch { return notSaved(patientID, text, because: error) }
      // A copy outside the cache exists only while the pane's words were refused: no unlink at every key.
      if keptOutside { KeptText.forget(patientID: patientID) }
      return [.draftSaved(id: saved, at: now)]
    case .deleteDraft(let id, let patientID):
      KeptText.forget(patientID: patientID)
      if let id { try store.deleteDraft(id) }
      return []
    case .saveUnsaved(let texts, let readingOnly):
      return saveUnsaved(texts, wasReadingOnly: readingOnly, request)
    case .retry(let messageID):
      if let n = messageID.outboxEntry { try store.retryOutbox(n, at: now) }
      return afterTriage(sync: true)
    case .discardFailed(let messageID):
      if let n = messageID.outboxEntry { try store.discardFailed(n, at: now) }
      return afterTriage(sync: false)
    case .loadCheckIns(let patientID):
      return [try checkIns(patientID)]
    case .loadCheckInForms:
      return [.checkInFormsLoaded(try store.checkInForms())]
    case .tagView(let query, let limit):
      let rows = try store.messages(query, offset: 0, limit: limit)
      return [.viewTagged(rows.map { MessageRef(id: $0.id, patientID: $0.patientID) }, query: query)]
    case .loadPatients(let query):
      return [.patientsLoaded(try store.patients(matching: query))]
    case .syncNow:
      onSyncRequest?(.everything)
      return []
    case .loadUnsent:
      return [.unsentLoaded(try store.unsentWrites())]
    case .watchCache:
      // On a disk with no room even the watch's connection may not open: it is tried again at the next tick.
      if watch == nil { watch = try? ChangeWatch(store) }
      guard watch?.changed() == true else { return [] }
      // Something committed (here or in another process): the screen is read again, and the counts with it.
      return [.cacheChanged]
    case .checkPassphrase(let typed):
      return [.passphraseChecked(try Passphrase.matches(typed, in: store))]
    case .noteLock:
      return []   // the audit trail's
    case .caughtUp:
      caughtUp()
      return []
    case .setAnyStaff(let on):
      try store.setSyncsAnyStaff(on)
      if on { onSyncRequest?(.writes) }
      return []
    case .setCovering(let colleague, let covering, let counts):
      try store.setCovering(colleague, covering)
      onSyncRequest?(.writes)
      countInBackground(counts)
      return []
    case .externalEditor, .suspend, .actAs, .quit, .saveSearch, .alert, .measureAnyStaff, .searchPatients:
      return []   // the runtime's own, on the UI loop
    case .setDone, .route, .cancelRoute, .sendMessage, .recordMessage, .recordCheckIn:
      return []   // clinical acts, taken above (`act`)
    }
  }


  /// After a triage step: the queued count, and a push when there is something to send. The screen and the
  /// counts are read again because the cache's observation reports the write, as it reports a sync page.
  func afterTriage(sync: Bool) -> [Action] {
    if sync { onSyncRequest?(.writes) }
    // A count the cache cannot give leaves the status line's as it was.
    return (try? store.outboxCounts().pending).map { [.queuedCounted($0)] } ?? []
  }

  /// Starts watching what the screens show: every commit of this process that touches it (a sync page, a triage
  /// step, the outbox) posts `.cacheChanged` before the write returns. Kept until this handler goes.
  public func observe(_ post: @escaping @Sendable (Action) -> Void) {
    observing = post
    let path = store.path
    observation = try? store.observeShownChanges(onError: { error in
      let why = CacheTrouble.cause(for: error, cache: path) ?? "\(error)"
      // The change watch still looks once a second (not while a sync runs): the screen follows, more slowly.
      post(.noticeShown("the live view of the cache failed (\(why)): the screen is read again once a second"))
    }) { post(.cacheChanged) }
  }

  /// The cache writes again on new connections: the watches move to them.
  func watchAgain() {
    watch = nil
    if let observing { observe(observing) }
  }
}
