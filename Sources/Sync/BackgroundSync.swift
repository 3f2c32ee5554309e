import Foundation
import FHIR
import Store

/// What the background sync tells the UI.
public enum SyncEvent: Sendable, Equatable {
  case started
  case progress(SyncProgress)
  /// A cycle completed: the outbox pushed as far as it could and the pull finished.
  case finished(at: Date, summary: SyncSummary, pending: Int, pushProblem: String?, nextRetry: Date? = nil)
  /// A cycle could not complete. `offline` when the server could not be reached at all.
  case failed(reason: String, offline: Bool, pending: Int, nextRetry: Date? = nil)
}

/// Runs sync cycles off the UI: at start, every `interval` seconds, and when asked (`trigger`). A cycle pushes
/// the outbox first — what a clinician wrote goes out before anything comes in — then pulls. An actor: between
/// cycles it waits for whichever comes first, the interval or a trigger, without polling.
public actor BackgroundSync {
  public let interval: TimeInterval
  let engine: SyncEngine
  let pusher: OutboxPusher
  let store: Store
  let post: @Sendable (SyncEvent) -> Void
  /// Delivers sent messages to the patient's app, when a webhook is configured.
  let webhook: WebhookSender?
  /// A trigger that came while a cycle ran: the next cycle starts as soon as it ends.
  private var triggered = false
  private var stopped = false
  /// The wait between cycles, and which wait it is (a timer left from an earlier wait wakes nothing).
  private var waiting: (number: Int, resume: CheckedContinuation<Bool, Never>)?
  private var waits = 0

  public init(engine: SyncEngine, pusher: OutboxPusher, store: Store, interval: TimeInterval,
              webhook: WebhookSender? = nil, post: @escaping @Sendable (SyncEvent) -> Void) {
    self.engine = engine; self.pusher = pusher; self.store = store; self.interval = interval
    self.webhook = webhook; self.post = post
  }

  /// Starts the cycles, the first at once.
  public nonisolated func start() {
    Task { await self.run() }
  }

  /// Syncs now (the `s` key), or as soon as the running cycle ends.
  public nonisolated func trigger() { Task { await self.wake(asked: true) } }

  /// No more cycles after the running one. The running one is not cancelled: cancelling a request from a Swift
  /// task deadlocked FoundationNetworking on Linux (a clinbox that never exited after `q`), and a cycle cut short
  /// by the process ending loses nothing — each page and each outbox step is its own transaction.
  public nonisolated func stop() { Task { await self.halt() } }

  private func run() async {
    // The first cycle, at start, is as good as asked for (the outbox goes at once), but the schedule says whether
    // its scopes are walked whole; `s` always walks them whole.
    var asked = true
    var repage = SyncEngine.Repage.whenDue
    while !stopped {
      await cycle(asked: asked, repage: repage)
      asked = await nextCycle()
      repage = asked ? .always : .whenDue
    }
  }

  /// Waits for the interval or a trigger; true when triggered.
  private func nextCycle() async -> Bool {
    if triggered || stopped {
      defer { triggered = false }
      return triggered
    }
    waits += 1
    let number = waits
    let interval = self.interval
    return await withCheckedContinuation { resume in
      waiting = (number, resume)
      Task {
        try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
        self.wake(asked: false, wait: number)
      }
    }
  }

  private func wake(asked: Bool, wait: Int? = nil) {
    guard let current = waiting else {
      if asked { triggered = true }
      return
    }
    if let wait, wait != current.number { return }
    waiting = nil
    current.resume.resume(returning: asked)
  }

  private func halt() {
    stopped = true
    wake(asked: false)
  }

  /// One cycle, reported through `post`. `asked`: the clinician asked for it, so queued messages go now
  /// rather than after their retry backoff.
  public func cycle(asked: Bool = true, repage: SyncEngine.Repage = .always) async {
    // A cache that only reads (a full disk) is asked first whether it writes again: fetching pages it cannot
    // store would only spend the network.
    guard store.writableAgain() else {
      post(.failed(reason: "reading only: " + (store.readOnlyCause ?? "the cache cannot be written"), offline: false,
                   pending: pending, nextRetry: nil))
      return
    }
    post(.started)
    var pushProblem: String?
    let start = Date()
    do {
      let pushed = try await pusher.push(now: asked)
      pushProblem = pushed.stoppedBy
      if let webhook, let problem = try await webhook.deliver().problem {
        pushProblem = pushProblem ?? "app delivery: \(problem)"
      }
      let summary = try await engine.run(repage: repage) { [post] p in post(.progress(p)) }
      SyncLog.finished(summary, pending: pending, seconds: Date().timeIntervalSince(start))
      post(.finished(at: Date(), summary: summary, pending: pending, pushProblem: pushProblem, nextRetry: nextRetry))
    } catch let e as FHIRError {
      SyncLog.failed(e, pending: pending)
      post(.failed(reason: e.description, offline: e.isTransient, pending: pending, nextRetry: nextRetry))
    } catch {
      SyncLog.failed(error, pending: pending)
      let reason = CacheTrouble.words(for: error, cache: store.path) ?? "\(error)"
      post(.failed(reason: reason, offline: false, pending: pending, nextRetry: nextRetry))
    }
  }

  var pending: Int { (try? store.outboxCounts().pending) ?? 0 }
  /// When the outbox's next automatic retry is due — or the next cycle, if that comes later.
  var nextRetry: Date? {
    guard let due = (try? store.nextOutboxAttempt()) ?? nil else { return nil }
    return max(due, Date().addingTimeInterval(interval))
  }
}
