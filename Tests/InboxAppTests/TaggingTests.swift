import Foundation
import Testing
import Clinic
import TerminalUI
import TestClinic
@testable import InboxApp

/// `t` tags, `;` and a triage key acts on every tagged message as one step, `z` takes that step back whole.
@Suite struct TaggingTests {
  func press(_ keys: Key..., in s: inout AppState) -> [Effect] { keys.flatMap { reduce(&s, .key($0)) } }

  @Test func threeTaggedMessagesAreDoneInOneStepAndUndoneInOne() {
    var s = Fixtures.state(width: 100, height: 12)
    _ = press(.character("t"), .character("t"), .character("t"), in: &s)
    #expect(s.triage.tagged.map(\.id).sorted() == ["m1", "m2", "m3"], "t tags and moves on")
    let frame = render(s)
    #expect(frame.lines[1].hasPrefix("●*") && frame.lines[3].hasPrefix(" *"), "tagged rows are marked")
    #expect(frame.lines.last?.contains("3 tagged") == true)
    let done = press(.character(";"), .character("d"), in: &s)
    #expect(done == [1, 2, 3].map { .setDone(messageID: "m\($0)", patientID: "p\($0)", done: true) })
    #expect(s.triage.undo.count == 1, "one step")
    #expect(s.triage.tagged.isEmpty && s.status.notice == "3 done · z undoes")
    let undone = press(.character("z"), in: &s)
    #expect(undone == [1, 2, 3].map { .setDone(messageID: "m\($0)", patientID: "p\($0)", done: false) }, "z brings all three back")
    #expect(s.status.notice == "undone for 3 messages")
  }

  @Test func aKeyAfterTheSemicolonThatIsNoTriageKeyDoesNothing() {
    var s = Fixtures.state(width: 100, height: 12)
    _ = press(.character("t"), in: &s)
    #expect(press(.character(";"), .character("x"), in: &s).isEmpty)
    #expect(s.overlay == nil && s.triage.tagged.count == 1, "the tag stays, nothing was done")
    #expect(press(.character(";"), .escape, in: &s).isEmpty && s.overlay == nil)
    _ = press(.character(";"), .character("t"), in: &s)
    #expect(s.triage.tagged.isEmpty, "; t untags them all")
    _ = press(.character(";"), in: &s)
    #expect(s.overlay == nil && s.status.notice?.hasPrefix("nothing tagged") == true)
  }

  @Test func readAndUnreadRememberWhatEachMessageWas() {
    var s = Fixtures.state(width: 100, height: 12)
    _ = press(.character("t"), .character("t"), .character("t"), in: &s)   // m1, m2 unread; m3 read
    _ = press(.character(";"), .character("r"), in: &s)
    #expect(s.inbox.rows.prefix(3).allSatisfy { !$0.unread }, "marked read at once on screen")
    let undone = press(.character("z"), in: &s)
    #expect(undone == [.setUnread(messageID: "m1", patientID: "p1", unread: true),
                       .setUnread(messageID: "m2", patientID: "p2", unread: true),
                       .setUnread(messageID: "m3", patientID: "p3", unread: false)], "each back to what it was")
  }

  @Test func taggedMessagesAreRoutedToOneColleagueAndUnroutedTogether() {
    var s = Fixtures.state(width: 100, height: 12)
    _ = press(.character("t"), .character("t"), in: &s)
    #expect(press(.character(";"), .character("a"), in: &s) == [.loadStaff(includeNonSchedulable: false)])
    let sam = StaffMember(id: "sam", name: "Sam Okafor RN", email: nil, roles: ["RN"], active: true)
    _ = reduce(&s, .staffLoaded([sam]))
    #expect(render(s).text.contains("Route 2 to"))
    let routed = press(.enter, .enter, in: &s)
    #expect(routed.map { if case .route(let id, _, let owner, _, _, _) = $0 { "\(id)>\(owner)" } else { "" } }
              == ["m1>sam", "m2>sam"])
    #expect(press(.character("z"), in: &s) == [.cancelRoute(messageID: "m1", patientID: "p1"),
                                                      .cancelRoute(messageID: "m2", patientID: "p2")])
  }

  @Test func capitalTTagsTheWholeViewAsTheStoreHasIt() {
    var s = Fixtures.state(width: 100, height: 12)
    #expect(press(.character("T"), in: &s) == [.tagView(s.inbox.query, limit: 500)])
    let refs = Fixtures.inbox.map { MessageRef(id: $0.id, patientID: $0.patientID) }
    _ = reduce(&s, .viewTagged(refs, query: s.inbox.query))
    #expect(s.triage.tagged.count == 5 && s.status.notice == "5 tagged · ; then d, u, r or a acts on them")
  }
}
