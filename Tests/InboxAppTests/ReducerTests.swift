import Foundation
import Testing
import Clinic
import TestClinic
import TerminalUI
@testable import InboxApp

@Suite struct ReducerTests {
  func bigState(total: Int, height: Int = 12) -> AppState {
    var s = Fixtures.state(width: 80, height: height, messages: [])
    s.sidebar.visible = false
    let rows = (0..<min(total, 200)).map { i in
      Fixtures.message(i, patient: "p\(i)", name: "Patient \(i)", fromPatient: true, text: "text \(i)", minutesAgo: Double(i))
    }
    _ = reduce(&s, .inboxLoaded(offset: 0, rows: rows, total: total))
    return s
  }

  @Test func movingKeepsTheSelectionOnScreen() {
    var s = bigState(total: 1000)
    for _ in 0..<15 { _ = reduce(&s, .key(.character("j"))) }
    #expect(s.inbox.selected == 15)
    #expect(s.inbox.top == 15 - s.listHeight + 1)
    _ = reduce(&s, .key(.up))
    #expect(s.inbox.selected == 14)
    _ = reduce(&s, .key(.character("g")))
    #expect(s.inbox.selected == 0 && s.inbox.top == 0)
    _ = reduce(&s, .key(.character("k")))
    #expect(s.inbox.selected == 0, "no moving above the first")
  }

  @Test func jumpingPastTheLoadedWindowAsksForThatPage() {
    var s = bigState(total: 100_000)
    let effects = reduce(&s, .key(.character("G")))
    #expect(s.inbox.selected == 99_999)
    guard case .loadInbox(_, let offset, let limit, _)? = effects.first else {
      Issue.record("expected a page load, got \(effects)"); return
    }
    #expect(offset <= s.inbox.top && offset + limit >= s.inbox.top + s.listHeight)
    #expect(limit < 1000, "a page, never the whole view")
    // The frame while the page loads shows placeholders, not stale rows.
    #expect(render(s).lines[1].hasPrefix(" …"))
  }

  @Test func pageDownMovesAScreenful() {
    var s = bigState(total: 1000)
    _ = reduce(&s, .key(.pageDown))
    #expect(s.inbox.selected == s.listHeight)
    _ = reduce(&s, .key(.pageUp))
    #expect(s.inbox.selected == 0)
  }

  @Test func resizeKeepsTheSelection() {
    var s = bigState(total: 1000, height: 40)
    for _ in 0..<30 { _ = reduce(&s, .key(.down)) }
    _ = reduce(&s, .resized(width: 40, height: 10))
    #expect(s.inbox.selected == 30)
    #expect(s.inbox.top <= 30 && 30 < s.inbox.top + s.listHeight)
  }

  @Test func enterOpensTheSelectedPatientsThread() {
    var s = bigState(total: 10)
    _ = reduce(&s, .key(.down))
    #expect(reduce(&s, .key(.enter)) == [.loadThread(patientID: "p1")])
    #expect(reduce(&s, .key(.character("q"))) == [.loadUnsent], "q asks the outbox first")
    #expect(!s.quitting)
    #expect(reduce(&s, .unsentLoaded([])) == [.quit], "nothing waits: it quits")
    #expect(s.quitting)
  }

  /// `q` with a reply still in the outbox asks; any key but y waits and quits once a sync sends it; y quits anyway.
  @Test func quittingWithAnUnsentReplyAsksFirst() {
    var s = bigState(total: 10)
    s.status.queued = 1
    _ = reduce(&s, .key(.character("q")))
    #expect(reduce(&s, .unsentLoaded([UnsentWrite(kind: .reply, patientName: "Chloe Dubois")])).isEmpty)
    #expect(s.overlay == .confirmQuit(unsent: "1 reply to Chloe Dubois not sent"))
    #expect(render(s).text.contains("1 reply to Chloe Dubois not sent"))
    #expect(reduce(&s, .key(.character("w"))) == [.syncNow], "w waits: a sync now")
    #expect(!s.quitting && s.overlay == nil)
    #expect(!reduce(&s, .syncFinished(at: s.now, queued: 1)).contains(.quit), "still waiting")
    #expect(reduce(&s, .syncFinished(at: s.now, queued: 0)).contains(.quit), "sent: clinbox goes")

    var again = bigState(total: 10)
    _ = reduce(&again, .key(.character("q")))
    _ = reduce(&again, .unsentLoaded([UnsentWrite(kind: .reply, patientName: "Chloe Dubois"),
                                      UnsentWrite(kind: .routing, patientName: "Luis Ortega", failed: true)]))
    #expect(again.overlay == .confirmQuit(unsent: "1 reply to Chloe Dubois and 1 routing of Luis Ortega not sent "
                                            + "(1 refused by the server: R retries)"))
    #expect(reduce(&again, .key(.character("y"))) == [.quit], "y quits anyway")
  }

  @Test func everyCommandOfAModeHasAKeyThereAndOnlyQIsShadowed() {
    for screen in Mode.allCases {
      var seen: [Key: Command] = [:]
      for c in Command.of(screen) {
        #expect(!c.effectiveKeys(in: screen).isEmpty, "\(c) cannot be reached in \(screen)")
        for k in c.info.keys {
          if let other = seen[k] {
            // In a thread `q` goes back (Ctrl-C quits); nothing else may be bound twice.
            #expect(screen == .thread && k == .character("q") && other == .back && c == .quit,
                    "\(k) is bound to both \(other) and \(c) on \(screen)")
          }
          seen[k] = seen[k] ?? c
        }
      }
    }
  }

  @Test func aFailedMessageIsRetriedOrDiscardedFromItsThread() {
    var s = bigState(total: 10)
    var failed = Fixtures.message(90, patient: "p1", name: "Zoë Müller", fromPatient: false, text: "Refused", minutesAgo: 3)
    failed.id = "outbox-7"
    failed.delivery = .failed("unknown patient")
    let ok = Fixtures.message(91, patient: "p1", name: "Zoë Müller", fromPatient: true, text: "Fine", minutesAgo: 1)
    _ = reduce(&s, .threadLoaded(patientID: "p1", patient: Fixtures.patient, messages: [failed, ok], total: 2))
    #expect(reduce(&s, .key(.character("R"))) == [.retry(messageID: "outbox-7")], "R in the thread retries its failed message")
    #expect(reduce(&s, .key(.character("X"))) == [], "X asks first")
    #expect(s.overlay == .confirmDiscard(messageID: "outbox-7"))
    #expect(reduce(&s, .key(.character("n"))) == [] && s.overlay == nil, "any other key keeps it")
    _ = reduce(&s, .key(.character("X")))
    #expect(reduce(&s, .key(.character("y"))) == [.discardFailed(messageID: "outbox-7")])
  }

  @Test func theStatusLineSaysWhenTheNextRetryIsDue() {
    var s = bigState(total: 10)
    _ = reduce(&s, .syncFailed(reason: "cannot reach 127.0.0.1:8090: connection refused", offline: true, queued: 2,
                               nextRetry: s.now.addingTimeInterval(30)))
    #expect(render(s).lines.last?.contains("2 queued, next try in 30 s") == true, "\(render(s).lines.last ?? "")")
  }

  @Test func aThreadReadAgainAfterTheReaderLeftItDoesNotReopen() {
    var s = bigState(total: 10)
    let m = Fixtures.message(1, patient: "p1", name: "Zoë Müller", fromPatient: true, text: "Hello", minutesAgo: 1)
    _ = reduce(&s, .threadLoaded(patientID: "p1", patient: Fixtures.patient, messages: [m], total: 1))
    _ = reduce(&s, .key(.character("q")))
    #expect(s.screen == .inbox)
    // The refresh asked for while the thread was open arrives late.
    _ = reduce(&s, .threadRefreshed(patientID: "p1", patient: Fixtures.patient, messages: [m], total: 1))
    #expect(s.screen == .inbox, "a late refresh does not pull the reader back into the thread")
    _ = reduce(&s, .threadLoaded(patientID: "p1", patient: Fixtures.patient, messages: [m], total: 1))
    _ = reduce(&s, .threadRefreshed(patientID: "p1", patient: Fixtures.patient, messages: [m, m], total: 2))
    #expect(s.thread?.messages.count == 2, "while it is open, the refresh shows")
  }
}

/// A triage step shows on its row in the frame after the key, before the cache's re-read comes back.
@Suite struct TriageMarkTests {
  @Test func doneAndUnreadShowAtOnce() {
    var s = Fixtures.state(width: 100, height: 8)
    #expect(render(s).lines[1].hasPrefix("● "), "the first message is unread")
    #expect(reduce(&s, .key(.character("d"))).first == .setDone(messageID: "m1", patientID: "p1", done: true))
    #expect(render(s).lines[1].hasPrefix("✓ "), "marked done in the frame after the key")
    #expect(s.inbox.selectedMessage?.id == "m2", "done moves on: All keeps the row, the selection goes to the next")
    #expect(reduce(&s, .key(.character("k"))).isEmpty)
    #expect(!reduce(&s, .key(.character("d"))).contains(.setDone(messageID: "m1", patientID: "p1", done: false)),
            "d on a done message never undoes it (nor reopens its routing)")
    _ = reduce(&s, .key(.character("z")))
    #expect(render(s).lines[1].hasPrefix("● "), "z takes it back at once")
    _ = reduce(&s, .key(.character("g")))
    _ = reduce(&s, .key(.character("j")))
    _ = reduce(&s, .key(.character("j")))
    #expect(reduce(&s, .key(.character("u"))) == [.setUnread(messageID: "m3", patientID: "p3", unread: true)])
    #expect(render(s).lines[3].hasPrefix("● "), "marked unread in the frame after the key")
  }
}

/// What the status line says of a step goes after a few seconds.
@Suite struct NoticeTests {
  @Test func aConfirmationGoesAfterAFewSeconds() {
    var s = Fixtures.state(width: 100, height: 8)
    _ = reduce(&s, .key(.character("d")))
    #expect(render(s).lines[7].contains("done · z undoes"))
    _ = reduce(&s, .tick(s.now.addingTimeInterval(2)))
    #expect(render(s).lines[7].contains("done · z undoes"), "still there after two seconds")
    _ = reduce(&s, .tick(s.now.addingTimeInterval(3)))
    #expect(!render(s).lines[7].contains("z undoes"), "gone after five: \(render(s).lines[7])")
  }
}
