import Foundation
import Clinic
import TerminalUI

/// What a row says before its text, in words first and colour second: a red-flag keyword match, how long the
/// patient has waited (Awaiting reply), where a routing stands (Routed by me), and a handoff to the clinician —
/// who routed it, what they asked, by when.
enum RowNotes {
  struct Note: Equatable {
    var text: String
    /// nil: the row's own role.
    var role: Role?
  }

  static func notes(_ m: Message, _ state: AppState) -> [Note] {
    var out: [Note] = []
    if let flag = m.redFlag { out.append(Note(text: "⚑ \(Sanitizer.line(flag.concept))", role: .alarm)) }
    if let recorder = m.recordedBy {
      out.append(Note(text: "☎ taken by \(PersonName.short(Sanitizer.line(recorder)))", role: nil))
    }
    if let since = m.waitingSince { out.append(wait(since, state)) }
    if let r = m.routing {
      if state.inbox.query.view == .routedByMe {
        out += routing(r, state)
      } else if r.owner == state.inbox.query.me, r.status == "requested" {
        out += handoff(r, state)
      }
    }
    return out
  }

  /// "OVERDUE ⇐ P. Raman, due Dec 4: Please call her today re chest…": a routing to the clinician, read where it
  /// is listed, the due date before the note so a narrow row keeps it. Privacy mode keeps the note off the row (it
  /// may name what the patient said).
  static func handoff(_ r: Message.Routing, _ state: AppState) -> [Note] {
    var text = "⇐ \(PersonName.short(Sanitizer.line(r.requesterName)))"
    if let due = r.due { text += ", due " + TimeText.short(due, now: state.now, state.config.timeZone) }
    if let note = r.note, !note.isEmpty,
       !state.privacy { text += ": " + TextLayout.truncate(Sanitizer.line(note), to: 48) }
    let note = Note(text: text, role: nil)
    return r.overdue(at: state.now) ? [Note(text: "OVERDUE", role: .alarm), note] : [note]
  }

  /// "waiting 2 d 4 h", with "!" past the clinic's warning and "!!" past its alarm.
  static func wait(_ since: Date, _ state: AppState) -> Note {
    let waited = state.now.timeIntervalSince(since)
    let text = "waiting " + TimeText.wait(since: since, now: state.now)
    if waited >= state.config.awaitingAlarm { return Note(text: text + " !!", role: .alarm) }
    if waited >= state.config.awaitingWarn { return Note(text: text + " !", role: .warning) }
    return Note(text: text, role: nil)
  }

  /// "OVERDUE ⇒ S. Okafor requested 2 d ago, due Dec 3": overdue first, where it is seen even in a narrow row.
  static func routing(_ r: Message.Routing, _ state: AppState) -> [Note] {
    var text = "⇒ \(PersonName.short(Sanitizer.line(r.ownerName))) \(r.status)"
    if let at = r.authored {
      let age = TimeText.age(since: at, now: state.now)
      text += age == "now" ? " just now" : " \(age) ago"
    }
    if let due = r.due { text += ", due " + TimeText.short(due, now: state.now, state.config.timeZone) }
    let note = Note(text: text, role: nil)
    return r.overdue(at: state.now) ? [Note(text: "OVERDUE", role: .alarm), note] : [note]
  }
}
