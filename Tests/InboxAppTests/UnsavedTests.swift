import Foundation
import Testing
import Clinic
import TestClinic
import TerminalUI
@testable import InboxApp

/// Words the cache cannot take (a full disk) stay with the clinician: on screen, named where they are kept, asked
/// about at quit, and saved by themselves once the cache can take them.
@Suite struct UnsavedTests {
  let kept = "/run/user/1000/clinbox/unsaved-p1.txt"

  func composingOnAFullDisk(_ text: String) -> AppState {
    var s = Fixtures.state(width: 100, height: 24)
    _ = reduce(&s, .composeStarted(patientID: "p1", patientName: "Zoë Müller", draftID: "draft-3", text: "",
                                   cursor: 0, values: [:], returnTo: .inbox))
    _ = reduce(&s, .key(.paste(text)))
    _ = reduce(&s, .draftNotSaved(patientID: "p1", why: "disk full: 0 bytes free on /home", file: kept))
    return s
  }

  @Test func aDraftTheCacheRefusedIsMarkedAndTheReasonSaidOnce() {
    var s = composingOnAFullDisk("Please call the clinic")
    #expect(render(s).text.contains("NOT SAVED (kept)"), "the pane shows the words are not in the cache")
    #expect(s.status.notice?.contains("not saved: disk full: 0 bytes free on /home — kept here and in \(kept)")
              == true, "\(s.status.notice ?? "")")
    _ = reduce(&s, .noticeShown("something else"))
    _ = reduce(&s, .draftNotSaved(patientID: "p1", why: "disk full: 0 bytes free on /home", file: kept))
    #expect(s.status.notice == "something else", "said once, not at every key")
    _ = reduce(&s, .draftSaved(id: "draft-3", at: s.now))
    #expect(!render(s).text.contains("NOT SAVED") && render(s).text.contains("draft saved"))
  }

  @Test func leavingThePaneKeepsTheWordsAndQuittingAsksNamingTheFile() {
    var s = composingOnAFullDisk("Please call the clinic")
    _ = reduce(&s, .key(.control("d")))
    #expect(s.compose == nil && s.screen == .inbox)
    #expect(s.cache.unsaved.map(\.text) == ["Please call the clinic"])
    #expect(s.status.notice?.contains("not saved yet") == true && s.status.notice?.contains(kept) == true)
    #expect(reduce(&s, .key(.character("q"))) == [.loadUnsent])
    #expect(reduce(&s, .unsentLoaded([])).isEmpty, "words not saved: it asks, even with the outbox empty")
    #expect(!s.quitting)
    let frame = render(s).text
    #expect(frame.contains("Quit with words not saved?"), "\(frame)")
    #expect(frame.contains("not saved: the reply to Zoë Müller is kept in \(kept)"), "\(frame)")
    #expect(reduce(&s, .key(.character("n"))).isEmpty, "any other key stays, asking for nothing")
    #expect(!s.quitting && s.overlay == nil && !s.quitWhenSent)
    _ = reduce(&s, .key(.character("q")))
    _ = reduce(&s, .unsentLoaded([]))
    #expect(reduce(&s, .key(.character("y"))) == [.quit], "y quits, the words in their file")
  }

  @Test func theWordsAreOfferedToTheCacheEveryFewSecondsUntilItTakesThem() {
    var s = composingOnAFullDisk("Please call the clinic")
    _ = reduce(&s, .key(.control("d")))
    let start = s.now
    let first = reduce(&s, .tick(start.addingTimeInterval(1)))
    #expect(first.contains(.saveUnsaved(s.cache.unsaved, readingOnly: false)), "\(first)")
    let soon = reduce(&s, .tick(start.addingTimeInterval(3)))
    #expect(!soon.contains { if case .saveUnsaved = $0 { true } else { false } }, "not again within 5 s")
    #expect(reduce(&s, .tick(start.addingTimeInterval(7))).contains(.saveUnsaved(s.cache.unsaved, readingOnly: false)))
    var saved = s.cache.unsaved[0]
    saved.draftID = "draft-3"
    _ = reduce(&s, .unsavedSaved([saved]))
    #expect(s.cache.unsaved.isEmpty)
    #expect(s.status.notice == "saved: the reply to Zoë Müller is in Drafts")
    let later = reduce(&s, .tick(start.addingTimeInterval(20)))
    #expect(!later.contains { if case .saveUnsaved = $0 { true } else { false } }, "nothing waits: nothing asked")
  }

  @Test func reopeningThePaneBringsBackTheWaitingWordsNotTheOlderDraft() {
    var s = composingOnAFullDisk("Please call the clinic tomorrow")
    _ = reduce(&s, .key(.control("d")))
    _ = reduce(&s, .composeStarted(patientID: "p1", patientName: "Zoë Müller", draftID: "draft-3",
                                   text: "Please call", cursor: 11, values: [:], returnTo: .inbox))
    #expect(s.compose?.editor.text == "Please call the clinic tomorrow")
    #expect(s.compose?.notSaved?.file == kept && s.cache.unsaved.isEmpty)
    // Space came back while the pane is open and typed in: what the cache took is older, so the pane saves again.
    _ = reduce(&s, .key(.character("!")))
    let taken = UnsavedText(patientID: "p1", patientName: "Zoë Müller", draftID: "draft-3",
                            text: "Please call the clinic tomorrow", cursor: 31, file: kept)
    let effects = reduce(&s, .unsavedSaved([taken]))
    #expect(effects == [.saveDraft(id: "draft-3", patientID: "p1", text: "Please call the clinic tomorrow!",
                                   cursor: 32, keptOutside: true)], "the copy outside the cache goes once it is saved")
  }

  @Test func aCacheThatOnlyReadSaysSoUntilItWritesAgain() {
    var s = Fixtures.state(width: 100, height: 24)
    s.cache.readingOnly = "disk full: 0 bytes free on /home"
    s.status.notice = "reading only: disk full: 0 bytes free on /home"
    s.status.noticeUntil = .distantFuture
    #expect(reduce(&s, .tick(s.now.addingTimeInterval(1))).contains(.saveUnsaved([], readingOnly: true)),
            "asked again, with no words")
    _ = reduce(&s, .cacheWritable)
    #expect(s.cache.readingOnly == nil && s.status.notice == "the cache can be written again")
    _ = reduce(&s, .tick(s.now.addingTimeInterval(10)))
    #expect(s.status.notice == nil, "the reading-only notice is gone, not back")
  }
}
