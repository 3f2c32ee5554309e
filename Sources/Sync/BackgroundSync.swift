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

/// Runs sync cycles off the UI: at start, every `interval` seconds (`liveInterval` while the companion's news is
/// live), and when asked (`trigger`, `writesWaiting`, `news`). A cycle pushes
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
  /// What a cycle is asked for, from least to most: the schedule's; news (the companion's feed at once); writes
  /// waiting (the outbox now, not after its retry backoff); everything (`s`: the outbox now and each scope walked
  /// whole).
  public enum Ask: Int, Comparable, Sendable {
    case schedule, news, writes, everything
    public static func < (a: Ask, b: Ask) -> Bool { a.rawValue < b.rawValue }
  }
  /// The most that was asked while a cycle ran: the next cycle does it as soon as that one ends.
  private var pendingAsk: Ask?
  /// While the companion's sockets are open, news wakes the cycles and the schedule is the slow one.
  private var live = false
  /// The wait between cycles while live: the changes feed is asked on news, and this often for what makes none
  /// (a read in Canvas's UI).
  public let liveInterval: TimeInterval
  private var stopped = false
  /// The wait between cycles, and which wait it is (a timer left from an earlier wait wakes nothing).
  private var waiting: (number: Int, resume: CheckedContinuation<Ask, Never>)?
  private var waits = 0

  public init(engine: SyncEngine, pusher: OutboxPusher, store: Store, interval: TimeInterval,
              webhook: WebhookSender? = nil, liveInterval: TimeInterval = 600,
              post: @escaping @Sendable (SyncEvent) -> Void) {
    self.engine = engine; self.pusher = pusher; self.store = store; self.interval = interval
    self.liveInterval = max(interval, liveInterval)
    self.webhook = webhook; self.post = post
  }

  /// Starts the cycles, the first at once.
  public nonisolated func start() {
    Task { await self.run() }
  }

  /// Syncs everything now (the `s` key), or as soon as the running cycle ends.
  public nonisolated func trigger() { ask(.everything) }

  /// Something was written to the outbox (a reply, a read): a cycle that sends it now and asks the feed, without
  /// walking every scope.
  public nonisolated func writesWaiting() { ask(.writes) }

  /// News from the companion: a cycle that asks its changes feed now, or as soon as the running one ends.
  public nonisolated func news() { ask(.news) }

  public nonisolated func ask(_ what: Ask) { Task { await self.wake(what) } }

  /// The companion's sockets are all open (news wakes the cycles; the schedule slows) or not (polling at
  /// `interval`). Either way a cycle at once: what came while a socket was down sent no event to wake one.
  public nonisolated func setLive(_ on: Bool) { Task { await self.changeLive(on) } }

  private func changeLive(_ on: Bool) {
    guard on != live else { return }
    live = on
    wake(.news)
  }

  /// No more cycles after the running one. The running one is not cancelled: cancelling a request from a Swift
  /// task deadlocked FoundationNetworking on Linux (a clinbox that never exited after `q`), and a cycle cut short
  /// by the process ending loses nothing — each page and each outbox step is its own transaction.
  public nonisolated func stop() { Task { await self.halt() } }

  private func run() async {
    // The first cycle, at start, is as good as asked for (the outbox goes at once), but the schedule says whether
    // its scopes are walked whole; `s` always walks them whole.
    var ask = Ask.writes
    while !stopped {
      await cycle(asked: ask >= .writes, repage: ask == .everything ? .always : .whenDue)
      ask = await nextCycle()
    }
  }

  /// Waits for the interval (live or not) or an ask; what the next cycle is for.
  private func nextCycle() async -> Ask {
    if let asked = pendingAsk {
      pendingAsk = nil
      return asked
    }
    if stopped { return .schedule }
    waits += 1
    let number = waits
    let interval = live ? liveInterval : self.interval
    return await withCheckedContinuation { resume in
      waiting = (number, resume)
      Task {
        try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
        self.wake(.schedule, wait: number)
      }
    }
  }

  private func wake(_ what: Ask, wait: Int? = nil) {
    guard let current = waiting else {
      if wait == nil { pendingAsk = max(pendingAsk ?? what, what) }
      return
    }
    if let wait, wait != current.number { return }
    waiting = nil
    current.resume.resume(returning: what)
  }

  private func halt() {
    stopped = true
    wake(.schedule)
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
