import Foundation
import Testing
import Clinic
import TerminalUI
import TestClinic
@testable import InboxApp

/// The small things a clinician reads every day, said right: counts agree with their nouns, a routing made a moment
/// ago says so, and the route picker never offers yourself first.
@Suite struct WordingTests {
  @Test func aThreadOfOneMessageSaysOneMessage() {
    var s = Fixtures.state(width: 100, height: 20)
    _ = reduce(&s, .threadLoaded(patientID: "p1", patient: Fixtures.patient, messages: [Fixtures.inbox[0]], total: 1))
    let status = render(s).lines.last ?? ""
    #expect(status.contains(" 1 message · ") && !status.contains("1 messages"), "\(status)")
    #expect(counted(2, "message") == "2 messages" && counted(1, "reply", "replies") == "1 reply")
  }

  @Test func aRoutingMadeThisMinuteSaysJustNow() {
    var s = Fixtures.state(width: 160, height: 20)
    s.inbox.query.view = .routedByMe
    var m = Fixtures.inbox[0]
    m.routing = Message.Routing(taskID: "t1", owner: "s2", ownerName: "Thu Nguyen RN", status: "completed",
                                authored: s.now.addingTimeInterval(-20), due: nil)
    let notes = RowNotes.notes(m, s).map(\.text)
    #expect(notes == ["⇒ T. Nguyen completed just now"], "\(notes)")
  }

  @Test func theRoutePickerNeverOffersYourselfFirst() {
    let me = StaffMember(id: "doc1", name: "Priya Raman MD", email: nil, roles: ["MD"], active: true)
    let sam = StaffMember(id: "sam", name: "Sam Jones RN", email: nil, roles: ["RN"], active: true)
    let route = StaffPicker.Purpose.route([MessageRef(id: "m1", patientID: "p1")])
    #expect(StaffPicker.offered([me, sam], for: route, me: "doc1") == [sam], "a message is not routed to oneself")
    #expect(StaffPicker.offered([me, sam], for: .cover, me: "doc1") == [sam])
    #expect(StaffPicker.offered([me, sam], for: .recordFor(patientID: "p1", patientName: "Zoë"), me: "doc1") == [sam, me])
    #expect(StaffPicker.offered([me, sam], for: .actAs, me: "doc1") == [me, sam])
  }
}
