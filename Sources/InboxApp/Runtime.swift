import Foundation
import Store
import TerminalUI
import Templates

/// Runs the app on a terminal: draws a frame, waits for a key (or a quarter-second tick), takes in what the
/// background sync posted, reduces, runs effects.
///
/// Effects here read a page from the local Store — bounded, sub-millisecond work — and run before the next frame,
/// so a frame is never drawn half-loaded. The network is never on this path: syncs run on their own task and
/// post actions to the mailbox.
public final class Runtime {
  let terminal: Terminal
  let store: Store
  public private(set) var state: AppState
  /// Actions from other threads (the background sync), taken in between keys.
  public let mailbox = Mailbox()
  /// Called for the `s` key: ask the background sync for a cycle now.
  public var onSyncRequest: (() -> Void)?
  /// Called when the clinician chooses whom they act as (first start).
  public var onActAs: ((StaffMember) -> Void)?
  var countedQuery: MessageQuery?
  var countedTotal = 0

  public init(terminal: Terminal, store: Store, state: AppState) {
    self.terminal = terminal; self.store = store; self.state = state
  }

  public func run() {
    let (w, h) = terminal.size
    send(.resized(width: w, height: h))
    countInBackground()
    var lastTick = Date()
    var drawn: Grid?
    var happened = true
    while !state.quitting {
      // An idle inbox wakes four times a second for the mailbox; it renders only after something happened and
      // draws only a frame that changed (frames are most of what an idle minute costs).
      if happened {
        let frame = render(state)
        if frame != drawn {
          terminal.draw(frame)
          drawn = frame
        }
        happened = false
      }
      let key = terminal.readKey(timeoutMS: 250)
      if terminal.ended != nil {
        // A signal or a vanished terminal ends the session from any screen or overlay; drafts are already saved.
        send(.sessionEnded)
        break
      }
      let posted = Self.coalesce(mailbox.drain())
      for action in posted { send(action) }
      happened = !posted.isEmpty || key != nil
      if let key {
        if key == .resize {
          drawn = nil
          let (w, h) = terminal.size
          send(.resized(width: w, height: h))
        } else {
          send(.key(key))
        }
      }
      if Date().timeIntervalSince(lastTick) >= 1 {
        lastTick = Date()
        let before = Self.clockFace(state)
        send(.tick(lastTick))
        // What the clock shows changes by the minute, but for "synced 12 s ago": a tick that changes neither
        // costs no frame.
        happened = happened || Self.clockFace(state) != before
      }
    }
  }

  /// What on screen depends on the time: the status line's sync text and the minute.
  static func clockFace(_ state: AppState) -> String {
    StatusLine.syncText(state) + " \(Int(state.now.timeIntervalSince1970 / 60))"
  }

  /// Of several progress reports waiting, only the last matters (each one re-reads the view).
  static func coalesce(_ actions: [Action]) -> [Action] {
    guard let lastProgress = actions.lastIndex(where: { if case .syncProgress = $0 { return true }; return false }) else { return actions }
    return actions.enumerated().filter { i, a in
      if case .syncProgress = a { return i == lastProgress }
      return true
    }.map(\.1)
  }

  public func send(_ action: Action) {
    var queue = [action]
    while !queue.isEmpty {
      let a = queue.removeFirst()
      for effect in reduce(&state, a) {
        if let next = perform(effect) { queue.append(next) }
      }
    }
  }

  func perform(_ effect: Effect) -> Action? {
    do {
      switch effect {
      case .loadInbox(let query, let offset, let limit):
        // Counting a large view costs more than a page; count once per view (and again after a sync).
        if countedQuery != query {
          countedTotal = try store.count(query)
          countedQuery = query
        }
        return .inboxLoaded(offset: offset, rows: try store.messages(query, offset: offset, limit: limit, total: countedTotal),
                            total: countedTotal)
      case .loadThread(let patientID):
        try store.follow(patientID: patientID, at: Date())
        let messages = try store.thread(patientID: patientID)
        // Opening the thread reads it: its unread messages are marked read here (shown unread this once).
        try store.markRead(messages.filter { $0.unread }.map(\.id), at: Date())
        let total = try store.count(MessageQuery(view: .all, patientID: patientID))
        return .threadLoaded(patientID: patientID, patient: try store.patient(id: patientID), messages: messages, total: total)
      case .reload(let selectedID, let threadPatientID):
        let query = state.inbox.query
        countedTotal = try store.count(query)
        countedQuery = query
        let index = try selectedID.flatMap { try store.position(ofMessage: $0, in: query) }
        if state.status.actingAs.isEmpty, let id = state.status.actingID, let me = try store.staffMember(id: id) {
          state.status.actingAs = "acting as \(me.name)"
        }
        if let patient = threadPatientID {
          send(.threadLoaded(patientID: patient, patient: try store.patient(id: patient),
                             messages: try store.thread(patientID: patient),
                             total: try store.count(MessageQuery(view: .all, patientID: patient))))
        }
        return .inboxReloaded(total: countedTotal, selectedIndex: index)
      case .syncNow:
        onSyncRequest?()
        return nil
      case .loadCounts:
        countInBackground()
        return nil
      case .loadStaff(let all):
        return .staffLoaded(try store.staffForPicker(includeNonSchedulable: all))
      case .setUnread(let id, let unread):
        try store.setUnread(id, unread, at: Date())
        return afterTriage(sync: false)
      case .setDone(let id, let done):
        // Done on a routed message completes its Task; undoing it opens the Task again.
        return afterTriage(sync: try store.setDone(id, done, at: Date()))
      case .route(let id, let patient, let owner, let note):
        guard let me = state.inbox.query.me else { state.status.notice = "routing needs an acting practitioner (--as)"; return nil }
        try store.queueRoute(messageID: id, patientID: patient, to: owner, from: me, note: note, at: Date())
        return afterTriage(sync: true)
      case .startCompose(let patientID, let returnTo):
        let patient = try store.patient(id: patientID)
        let draft = try store.draft(forPatient: patientID)
        return .composeStarted(patientID: patientID, patientName: patient?.displayName ?? PersonName.patient(given: nil, family: nil, id: patientID),
                               draftID: draft?.id, text: draft?.text ?? "", cursor: draft?.cursor ?? 0,
                               values: try templateValues(patient), returnTo: returnTo)
      case .saveDraft(let id, let patientID, let text, let cursor):
        guard let me = state.inbox.query.me else { return nil }
        let saved = try store.saveDraft(id: id, patientID: patientID, from: me, text: text, cursor: cursor, at: Date())
        return .draftSaved(id: saved, at: Date())
      case .deleteDraft(let id):
        try store.deleteDraft(id)
        return .cacheChanged
      case .sendMessage(let patientID, let text, let draftID):
        guard let me = state.inbox.query.me else { state.status.notice = "sending needs an acting practitioner (--as)"; return nil }
        // Stored first, in the outbox; the draft goes once the message is safe.
        try store.queueMessage(patientID: patientID, from: me, text: text, at: Date())
        if let draftID { try store.deleteDraft(draftID) }
        state.status.queued = (try? store.outboxCounts().pending) ?? state.status.queued
        onSyncRequest?()
        return perform(.loadThread(patientID: patientID))
      case .retry(let messageID):
        if messageID.hasPrefix("outbox-"), let n = Int64(messageID.dropFirst("outbox-".count)) {
          try store.retryOutbox(n, at: Date())
        }
        return afterTriage(sync: true)
      case .discardFailed(let messageID):
        if messageID.hasPrefix("outbox-"), let n = Int64(messageID.dropFirst("outbox-".count)) {
          try store.discardFailed(n, at: Date())
        }
        return afterTriage(sync: false)
      case .externalEditor(let text):
        return .editorReturned(text: ExternalEditor.edit(text, terminal: terminal))
      case .loadPatients(let query):
        return .patientsLoaded(try store.patients(matching: query))
      case .actAs(let member):
        onActAs?(member)
        return nil
      case .cancelRoute(let id):
        if let task = try store.openTask(forMessage: id) {
          try store.queueTaskStatus(taskID: task.id, status: "cancelled", at: Date())
        }
        return afterTriage(sync: true)
      case .quit:
        return nil
      }
    } catch {
      state.status.notice = "cache error: \(error)"
      return nil
    }
  }
}

extension Runtime {
  /// Placeholder values for a patient's templates: theirs, the acting clinician's, the practice's, dates.
  func templateValues(_ patient: PatientRecord?) throws -> [String: String] {
    let me = try state.status.actingID.flatMap { try store.staffMember(id: $0) }
    return TemplateContext(patient: patient, clinician: me, practiceName: state.practiceName, practicePhone: state.practicePhone,
                           today: state.now, timeZone: state.timeZone).values
  }

  /// The sidebar's counts — every view and every saved search — counted off the UI loop and posted back: over a
  /// large cache they take long enough (half a second at a million messages) to be felt on a key press.
  func countInBackground() {
    let me = state.inbox.query.me, searches = state.savedSearches, store = self.store, mailbox = self.mailbox
    DispatchQueue.global(qos: .userInitiated).async {
      guard let views = try? store.viewCounts(me: me) else { return }
      var saved: [String: Int] = [:]
      for s in searches { saved[s.name] = (try? store.count(MessageQuery(view: s.view, me: me, search: s.text))) ?? 0 }
      mailbox.post(.countsLoaded(views, saved: saved))
    }
  }

  /// After a triage step: re-read the view and its counts (the message may leave the view), and push to the
  /// server when the step has something to send.
  func afterTriage(sync: Bool) -> Action? {
    // The status line counts what waits for the server from the moment it is written.
    state.status.queued = (try? store.outboxCounts().pending) ?? state.status.queued
    if sync { onSyncRequest?() }
    countedQuery = nil
    countInBackground()
    return .cacheChanged
  }
}

/// A thread-safe queue of actions.
public final class Mailbox: @unchecked Sendable {
  private let lock = NSLock()
  private var actions: [Action] = []

  public init() {}

  public func post(_ action: Action) { lock.withLock { actions.append(action) } }

  func drain() -> [Action] {
    lock.withLock {
      let a = actions
      actions.removeAll()
      return a
    }
  }
}
