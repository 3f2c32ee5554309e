import Foundation
import Clinic
import InboxApp

/// A fixed clinic: fixed times in UTC, names with accents, CJK and emoji, one hostile message.
public enum Fixtures {
  public static let now = Date(timeIntervalSince1970: 1_795_000_000)   // 2026-11-18 11:06:40 UTC
  public static let me: StaffID = "doc1"

  public static func message(_ i: Int, patient: PatientID, name: String, fromPatient: Bool, text: String, minutesAgo: Double,
                      unread: Bool = false) -> Message {
    Message(id: "m\(i)", patientID: patient, patientName: name,
            from: fromPatient ? .patient(id: patient) : .staff(id: me), senderName: fromPatient ? name : "Priya Raman MD",
            to: fromPatient ? .staff(id: me) : .patient(id: patient), recipientName: fromPatient ? "Priya Raman MD" : name,
            sent: now.addingTimeInterval(-minutesAgo * 60), text: text, unread: unread)
  }

  public static let hostile = "Title \u{1B}]0;pwned\u{07} clear \u{1B}[2J\u{1B}[H bidi \u{202E}gnp.exe\u{202C} zero\u{200B}width"

  public static let inbox: [Message] = [
    message(1, patient: "p1", name: "Zoë Müller", fromPatient: true, text: "Could you refill my metformin? I have five days left.", minutesAgo: 5, unread: true),
    message(2, patient: "p2", name: "李小龙", fromPatient: true, text: "我的药快吃完了，可以帮我续药吗？", minutesAgo: 50, unread: true),
    message(3, patient: "p3", name: "Ana Costa (Sunny 🌻)", fromPatient: false, text: "Your results are back and look normal.\nNo changes needed.", minutesAgo: 60 * 20),
    message(4, patient: "p4", name: "Ravi Haddad", fromPatient: true, text: hostile, minutesAgo: 60 * 24 * 3, unread: true),
    message(5, patient: "p1", name: "Zoë Müller", fromPatient: false, text: "Reminder: your appointment is on Thursday at 9:30.", minutesAgo: 60 * 24 * 400),
  ]

  public static func state(width: Int, height: Int, messages: [Message] = inbox, sidebar: Bool = false) -> AppState {
    var s = AppState(width: width, height: height, now: now, query: MessageQuery(view: .all, me: me),
                     status: StatusInfo(server: "127.0.0.1:8090", actingAs: "acting as Priya Raman MD",
                                        lastSync: now.addingTimeInterval(-12)))
    s.config.timeZone = TimeZone(identifier: "UTC")!
    s.sidebar.visible = sidebar
    _ = reduce(&s, .inboxLoaded(offset: 0, rows: messages, total: messages.count))
    return s
  }

  public static let patient = PatientRecord(id: "p1", givenName: "Zoë", familyName: "Müller", preferredName: "Zo",
                                     birthDate: "1980-11-13", gender: "female")
}
