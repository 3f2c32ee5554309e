import Audit
import Foundation
import FHIR
import InboxApp
import InboxRuntime
import Store
import Sync
import TerminalUI
import Templates

/// Opens the inbox on the real terminal, with the background sync when there is a server, and restores the
/// terminal however it ends.
enum InboxLauncher {
  struct Server {
    let url: URL
    let credentials: Credentials
    let interval: TimeInterval
    var webhook: URL? = nil
    var webhookSecret: String? = nil
    /// The companion plugin, with its key.
    var companion: CompanionClient? = nil
  }

  /// What the clinician watches: colleagues covered, how they are told of arrivals, when a wait is long.
  struct Watch {
    var cover: [StaffID] = []
    var alerts = Alerts()
    var awaitingWarn: TimeInterval = 86_400
    var awaitingAlarm: TimeInterval = 3 * 86_400
  }

  static func open(store: Store, serverLabel: String, practitionerID: StaffID?, server: Server?, notice: String? = nil,
                   keys: KeyMap = KeyMap(), mouse: Bool = true, theme: String? = nil, searches: [SavedSearch] = [],
                   practice: (name: String?, phone: String?) = (nil, nil), thresholds: [String: Int] = [:],
                   directions: [String: [String: ScoreDirection]] = [:],
                   recordPrefix: RecordPrefix = .standard, profile: String? = nil, lockAfter: TimeInterval = 600,
                   watch: Watch = Watch(), timeZone: TimeZone = .current) throws {
    let (chosenTheme, themeProblem) = ThemeLoader.load(theme)
    let actingName = practitionerID.flatMap { try? store.staffMember(id: $0)?.name } ?? ""
    // Writes left unsent when clinbox last ended (a signal cannot ask) are named first, for a while.
    let waiting = (try? store.unsentWrites()) ?? []
    let unsent = waiting.isEmpty ? nil : "unsent from before: " + UnsentWrite.list(waiting)
    // A cache that cannot be written says so first, and for as long as clinbox is open.
    let reading = store.readOnlyCause.map { "\($0) — reading only" }
    var status = StatusInfo(server: serverLabel, actingAs: actingName.isEmpty ? "" : "acting as \(actingName)",
                            lastSync: try? store.lastSync(), notice: reading ?? unsent ?? notice ?? themeProblem)
    if reading != nil { status.noticeUntil = .distantFuture } else if unsent != nil {
      status.noticeUntil = Date().addingTimeInterval(15)
    }
    status.actingID = practitionerID
    status.queued = (try? store.outboxCounts().pending) ?? 0
    if server?.companion != nil { status.news = .polling(nil) }
    let terminal: NCursesTerminal
    do { terminal = try NCursesTerminal(mouse: mouse, theme: chosenTheme) } catch { throw Failure("\(error)") }
    defer { terminal.stop() }
    let (w, h) = terminal.size
    var config = AppState.Configuration()
    config.keys = keys
    config.checkInThresholds = thresholds
    config.checkInDirections = directions
    config.recordPrefix = recordPrefix
    config.templates = Compose.library.templates
    config.practiceName = practice.name
    config.practicePhone = practice.phone
    config.lockAfter = lockAfter
    config.timeZone = timeZone
    config.alerts = watch.alerts
    config.awaitingWarn = watch.awaitingWarn
    config.awaitingAlarm = watch.awaitingAlarm
    config.sharesReadState = server?.companion != nil
    var setup = AppState.Setup()
    setup.config = config
    setup.savedSearches = searches
    setup.hasPassphrase = Passphrase.isChosen(in: store)
    setup.covering = coveredColleagues(watch.cover, store)
    setup.syncsAnyStaff = (try? store.syncsAnyStaff()) ?? false
    setup.readingOnly = store.readOnly
    setup.unsaved = KeptText.leftBefore(store)
    var background: BackgroundSync?
    let news = LiveNews()
    // No acting practitioner yet: the picker asks first (staff fetched before the screen opens).
    if practitionerID == nil, let server {
      let client = FHIRClient(server: server.url, credentials: server.credentials)
      try? await_(SyncEngine(client: client, store: store, practitionerID: "").syncStaff)
      setup.chooseWhoActs = (try? store.staffForPicker(includeNonSchedulable: true)) ?? []
    }
    let state = AppState(width: w, height: h, now: Date(),
                         query: MessageQuery(view: .all, me: practitionerID), status: status,
                         setup: setup)
    let runtime = Runtime(terminal: terminal, store: store, state: state)
    // Who did what, from the first key: an audit trail beside the cache, chained with the cache's own key.
    // A cache that cannot be written has a trail that cannot be either (the notice says reading only).
    if store.readOnly == nil { _ = try store.auditKey() }   // a trail that cannot be keyed stops here, out loud
    runtime.recordAudit(profile: profile ?? "default")
    func startBackground(_ practitionerID: StaffID) {
      guard let server else { return }
      let client = FHIRClient(server: server.url, credentials: server.credentials)
      let engine = SyncEngine(client: client, store: store, practitionerID: practitionerID)
      engine.cover = watch.cover
      engine.companion = server.companion
      let mailbox = runtime.mailbox
      let pageSize = engine.pageSize
      let webhook = server.webhook.map {
        WebhookSender(client: client, store: store, url: $0, secret: server.webhookSecret)
      }
      background = BackgroundSync(engine: engine,
                                  pusher: OutboxPusher(client: client, store: store, webhook: server.webhook,
                                                       companion: server.companion),
                                  store: store, interval: server.interval, webhook: webhook) { event in
        mailbox.post(action(for: event, pageSize: pageSize))
        if case .finished = event { news.follow(engine) }
      }
      runtime.onSyncRequest = { [weak background] ask in
        if ask == .everything { background?.trigger() } else { background?.writesWaiting() }
      }
      background?.start()
      if let companion = server.companion, let background {
        news.start(companion, engine: engine, background: background) { state in
          switch state {
          case .live: mailbox.post(.newsLink(.live))
          case .polling(let why): mailbox.post(.newsLink(.polling(why)))
          }
        }
      }
    }
    if let practitionerID { startBackground(practitionerID) }
    runtime.onSaveSearch = { search in ConfigWriter.append(search) }
    if let server {
      runtime.onMeasureAnyStaff = { answer in
        let engine = SyncEngine(client: FHIRClient(server: server.url, credentials: server.credentials), store: store,
                                practitionerID: "")
        Task.detached {
          // Unreachable or refused: said as such, and nothing changes.
          do { answer(AnyStaffCost.text(try await engine.anyStaffCost())) } catch { answer(nil) }
        }
      }
    }
    if let server {
      let client = FHIRClient(server: server.url, credentials: server.credentials, timeout: 15, retry: .once)
      runtime.onSearchPatients = { query, answer in
        Task.detached {
          do { answer(try await PatientSearch.byName(query, client: client, store: store)) } catch { answer(nil) }
        }
      }
    }
    runtime.onActAs = { member in
      try? store.setSyncValue("acting_as", member.id.rawValue)
      startBackground(member.id)
    }
    runtime.run()
    news.stop()
    background?.stop()
    if runtime.state.session.endedByLock {
      terminal.stop()
      FileHandle.standardError.write(Data(("clinbox ended instead of locking: no passphrase is chosen to unlock it "
        + "(drafts are kept). clinbox passphrase chooses one.\n").utf8))
    }
  }

  /// The colleagues covered by the settings and from the inbox, named as the cache knows them.
  static func coveredColleagues(_ configured: [StaffID], _ store: Store) -> [CoveredColleague] {
    let ids = (try? store.coveredColleagues(adding: configured)) ?? configured
    return ids.map { id in
      CoveredColleague(id: id, name: (try? store.staffMember(id: id))?.name ?? Store.unnamedStaff(id))
    }
  }

  static func action(for event: SyncEvent, pageSize: Int) -> Action {
    switch event {
    case .started: return .syncStarted
    case .progress(let p): return .syncProgress(pages: p.pages,
                                                estimatedPages: p.total.map { max(1, ($0 + pageSize - 1) / pageSize) })
    case .finished(let at, let summary, let pending, _, let next):
      return .syncFinished(at: at, queued: pending, nextRetry: next, feedProblem: summary.feedProblem)
    case .failed(let reason, let offline, let pending, let next):
      return .syncFailed(reason: reason, offline: offline, queued: pending, nextRetry: next)
    }
  }

  /// "127.0.0.1:4321" or "fumage-x.canvasmedical.com": the server as the status line shows it.
  static func label(_ url: URL?) -> String {
    guard let url, let host = url.host else { return "offline" }
    return url.port.map { "\(host):\($0)" } ?? host
  }
}

/// Runs an async step to completion from the synchronous UI set-up (before the screen loop starts).
func await_(_ body: @escaping @Sendable () async throws -> Void) throws {
  let done = DispatchSemaphore(value: 0)
  // Written by the task before it signals, read after the wait: the semaphore orders the two.
  nonisolated(unsafe) var failure: Error?
  Task.detached {
    do { try await body() } catch { failure = error }
    done.signal()
  }
  // A signal (SIGTERM, SIGHUP) while it waits ends the wait: the screen loop then ends at once.
  while done.wait(timeout: .now() + 0.1) == .timedOut {
    if NCursesTerminal.signalReceived { return }
  }
  if let failure { throw failure }
}
