import Foundation
import Clinic
import TerminalUI

/// One line of a laid-out thread.
public struct ThreadLine: Equatable, Sendable {
  public var text: String
  public var role: Role
  /// The first line of a message (who → whom, when).
  public var isHeader = false
}

/// A thread as lines: a header per message (who → whom, when), its text sanitised and word-wrapped, a blank
/// line between messages. Oldest first, so the newest sits at the bottom, where the reader starts.
enum ThreadLayout {
  /// What the thread says of a message written here. A routed task with no message says so in its text.
  static func label(_ d: SendState) -> String {
    switch d {
    case .queued: return " · queued"
    case .sending: return " · sending"
    case .checking: return " · checking whether the server has it…"
    case .sent: return " · sent"
    case .draft: return " · draft"
    case .task: return ""
    case .failed(let reason): return " · failed: \(Sanitizer.line(reason))"
    }
  }

  static func lines(_ t: ThreadView, width: Int, timeZone: TimeZone, privacy: Bool = false,
                    now: Date) -> [ThreadLine] {
    var out = handoffs(t, width: width, timeZone: timeZone, now: now)
    if t.olderCount > 0 {
      out.append(ThreadLine(text: "  (\(t.olderCount) earlier messages not shown)", role: .dim))
      out.append(ThreadLine(text: "", role: .normal))
    }
    let bodyWidth = max(1, width - 2)
    for (i, m) in t.messages.enumerated() {
      func shown(_ name: String, _ party: Party?) -> String {
        privacy && party?.isPatient == true ? Privacy.initials(name) : Sanitizer.line(name)
      }
      // A phone message is the recorder's summary, not the patient's writing: it says so before any name.
      let who = m.recordedBy.map {
        "☎ phone message from \(shown(m.senderName, m.from)), taken by \(Sanitizer.line($0)) → "
          + shown(m.recipientName, m.to)
      } ?? "\(shown(m.senderName, m.from)) → \(shown(m.recipientName, m.to))"
      let mark = m.unread ? "● " : m.done ? "✓ " : ""
      var details = m.delivery.map(Self.label) ?? ""
      if let routed = m.routedTo { details += " · routed to \(Sanitizer.line(routed))" }
      if let flag = m.redFlag { details += " · ⚑ \(Sanitizer.line(flag.explanation))" }
      switch m.serverState {
      case .sent: break
      case .draftInCanvas: details += " · draft in Canvas, not sent"
      case .scheduled: details += " · scheduled, not sent yet"
      }
      if let app = m.appDelivery {
        switch app.state {
        case .delivered:
          let at = app.deliveredAt.map { " " + TimeText.full($0, timeZone).suffix(5) } ?? ""
          details += " · delivered to the app" + at
        case .failed: details += " · app delivery failed: \(Sanitizer.line(app.lastError ?? "gave up"))"
        case .queued: details += " · app delivery waiting" + (app.lastError.map { " (\(Sanitizer.line($0)))" } ?? "")
        }
      }
      if m.isFromPatient {
        // Canvas cannot record read state through FHIR: say where "read" comes from.
        if m.readOnServer { details += " · read in Canvas" }
        else if let at = m.readAt { details += " · read here \(TimeText.full(at, timeZone)) (local only)" }
      }
      // On a narrow screen the header wraps rather than losing the time.
      let header = TextLayout.wrap("\(mark)\(who) · \(TimeText.full(m.sent, timeZone))\(details)", width: width)
      for (j, h) in header.enumerated() {
        out.append(ThreadLine(text: h, role: m.unread ? .unread : .banner, isHeader: j == 0))
      }
      for l in TextLayout.wrap(Sanitizer.text(m.text), width: bodyWidth) {
        out.append(ThreadLine(text: "  " + l, role: .normal))
      }
      if i < t.messages.count - 1 { out.append(ThreadLine(text: "", role: .normal)) }
    }
    return out
  }

  /// Every open routing of the thread, in full at its top: to whom, by whom, when, by when (and whether that has
  /// passed), then what was asked, word-wrapped — the instructions travel with the handoff.
  static func handoffs(_ t: ThreadView, width: Int, timeZone: TimeZone, now: Date) -> [ThreadLine] {
    var out: [ThreadLine] = []
    var seen = Set<TaskID>()
    for m in t.messages.reversed() {
      guard let r = m.routing, r.status == "requested", seen.insert(r.taskID).inserted else { continue }
      var head = "⇒ Routed to \(Sanitizer.line(r.ownerName))"
      if !r.requesterName.isEmpty { head += " by \(Sanitizer.line(r.requesterName))" }
      if let at = r.authored { head += ", \(TimeText.full(at, timeZone))" }
      if let due = r.due { head += " · due \(TimeText.full(due, timeZone))" }
      let overdue = r.overdue(at: now)
      if overdue { head += " · OVERDUE" }
      for l in TextLayout.wrap(head, width: width) { out.append(ThreadLine(text: l, role: overdue ? .alarm : .banner)) }
      if let note = r.note, !note.isEmpty {
        for l in TextLayout.wrap(Sanitizer.text(note), width: max(1, width - 2)) {
          out.append(ThreadLine(text: "  " + l, role: .normal))
        }
      }
      out.append(ThreadLine(text: "", role: .normal))
    }
    return out
  }
}
