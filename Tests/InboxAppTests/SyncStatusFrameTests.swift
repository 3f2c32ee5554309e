import Foundation
import Testing
import Clinic
import TerminalUI
import TestClinic
@testable import InboxApp

/// The status line and the list while the background sync works.
@Suite struct SyncStatusFrameTests {
  @Test func statusLineSaysWhereThingsStand() {
    var s = Fixtures.state(width: 120, height: 10)
    _ = reduce(&s, .syncProgress(pages: 3, estimatedPages: 12))
    #expect(render(s).lines[9].contains("syncing 3/12"))
    s.now = Date(timeIntervalSince1970: 1_795_000_000)   // 11:06 UTC
    _ = reduce(&s, .syncFailed(reason: "cannot reach 127.0.0.1:8090: connection refused", offline: true, queued: 2))
    #expect(render(s).lines[9].contains("offline since 11:06 — 2 queued"))
    s.now = s.now.addingTimeInterval(120)
    _ = reduce(&s, .syncFailed(reason: "cannot reach 127.0.0.1:8090: connection refused", offline: true, queued: 2))
    #expect(render(s).lines[9].contains("offline since 11:06"), "offline since the first failure, not the latest")
    _ = reduce(&s, .syncFailed(reason: "authentication failed: bad secret", offline: false, queued: 0))
    #expect(render(s).lines[9].contains("sync failed: authentication failed: bad secret"))
    _ = reduce(&s, .syncFinished(at: s.now.addingTimeInterval(-12), queued: 0))
    #expect(render(s).lines[9].contains("synced 12 s ago"))
  }

  /// With the companion the status line says whether news comes as it happens, and why not; without it, nothing.
  @Test func statusLineSaysLiveOrPollingAndWhy() {
    var s = Fixtures.state(width: 140, height: 10)
    _ = reduce(&s, .syncFinished(at: s.now, queued: 0))
    #expect(!render(s).lines[9].contains("live") && !render(s).lines[9].contains("polling"), "no companion, no word")
    s.status.news = .polling(nil)
    #expect(render(s).lines[9].contains("synced just now · polling"))
    _ = reduce(&s, .newsLink(.live))
    #expect(render(s).lines[9].contains("synced just now · live"))
    _ = reduce(&s, .tick(s.now.addingTimeInterval(30)))
    #expect(render(s).lines[9].contains("synced just now · live"), "live: no second counted, no frame a second")
    _ = reduce(&s, .tick(s.now.addingTimeInterval(60)))
    #expect(render(s).lines[9].contains("synced 1 min ago · live"))
    _ = reduce(&s, .syncFinished(at: s.now, queued: 0, feedProblem: "the companion refused the key (401)"))
    #expect(render(s).lines[9].contains("· polling: the companion refused the key (401)"),
            "a feed that cannot be used is said, and the inbox polls")
    _ = reduce(&s, .newsLink(.polling("the companion's socket could not be opened")))
    #expect(render(s).lines[9].contains("· polling: the companion's socket could not be opened"))
  }

  @Test func aSyncsPagesReReadTheListAtMostOnceASecondATriageStepAtOnce() {
    var s = Fixtures.state(width: 80, height: 10)
    _ = reduce(&s, .syncProgress(pages: 1, estimatedPages: 100))
    #expect(reduce(&s, .cacheChanged).count == 1, "the first stored page shows at once")
    #expect(reduce(&s, .cacheChanged).isEmpty, "a sync's pages are not each a re-read of the view")
    _ = reduce(&s, .syncProgress(pages: 3, estimatedPages: 100))
    #expect(render(s).lines[9].contains("syncing 3/100"), "the status line follows every page")
    let tick = reduce(&s, .tick(s.now.addingTimeInterval(1)))
    #expect(tick.count == 1, "the page kept waiting is read at the next tick: \(tick)")
    if case .reload? = tick.first {} else { Issue.record("the tick re-reads: \(tick)") }
    _ = reduce(&s, .syncFinished(at: s.now, queued: 0))
    #expect(reduce(&s, .cacheChanged).count == 1)
    #expect(reduce(&s, .cacheChanged).count == 1, "outside a sync every change (a triage step) is read at once")
  }

  @Test func theSKeyAsksForASync() {
    var s = Fixtures.state(width: 80, height: 10)
    #expect(reduce(&s, .key(.character("s"))) == [.syncNow])
  }

  @Test func queuedAndFailedMessagesAreMarked() {
    var queued = Fixtures.inbox[0]
    queued.delivery = .queued; queued.unread = false
    var failed = Fixtures.inbox[1]
    failed.delivery = .failed("Unknown Patient"); failed.unread = false
    let g = render(Fixtures.state(width: 100, height: 6, messages: [queued, failed]))
    #expect(g.lines[1].hasPrefix("⧗ "))
    #expect(g.lines[2].hasPrefix("✗ "))
  }
}

/// The compose pane shows none of the cache: its own draft saves do not re-read the inbox under it.
@Suite struct ComposeRereadTests {
  @Test func changesWhileComposingAreReadOnLeaving() {
    var s = Fixtures.state(width: 80, height: 10)
    _ = reduce(&s, .composeStarted(patientID: "p1", patientName: "Zoë Müller", draftID: nil, text: "", cursor: 0,
                                   values: [:], returnTo: .inbox))
    #expect(reduce(&s, .cacheChanged).isEmpty, "a keystroke's draft save is no re-read")
    #expect(!reduce(&s, .tick(s.now.addingTimeInterval(1))).contains { if case .reload = $0 { true } else { false } })
    let leaving = reduce(&s, .key(.control("d")))
    #expect(leaving.contains { if case .reload = $0 { true } else { false } }, "leaving reads what changed: \(leaving)")
  }
}
