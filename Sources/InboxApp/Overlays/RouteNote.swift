import Clinic
import TerminalUI
import Foundation

/// After the colleague is chosen: the short note the routing Task carries (Canvas requires a description).
public struct RouteNote: Equatable, Sendable {
  public var messages: [MessageRef]
  public var owner: StaffMember
  public var text = ""
  /// Canvas's label "Urgent" on the Task: offered (and on) when a message routed has a red-flag keyword match;
  /// Tab takes it off or puts it back.
  public var urgent = false
  public var offersUrgent = false

  func run(_ command: Command, _ state: inout AppState) -> [Effect] {
    var n = self
    switch command {
    case .cancel: state.overlay = nil; return []
    case .accept:
      state.overlay = nil
      let note = text.trimmingCharacters(in: .whitespaces)
      let steps = messages.map { TriageStep.routed(messageID: $0.id) }
      state.undo.append(steps.count == 1 ? steps[0] : .together(steps))
      let what = messages.count == 1 ? "routed" : "\(messages.count) routed"
      notify("\(what) to \(owner.name) · z undoes", &state)
      if messages.count > 1 { state.tagged = [] }
      let due = RouteDue.parse(note, now: state.now, timeZone: state.config.timeZone)
      return messages.map {
        .route(messageID: $0.id, patientID: $0.patientID, owner: owner.id,
               note: note.isEmpty ? "Please review this message" : note, labels: urgent ? ["Urgent"] : [], due: due)
      }
    case .complete:
      guard offersUrgent else { return [] }
      n.urgent.toggle()
    case .deleteBack: if !n.text.isEmpty { n.text.removeLast() }
    case .killToStart: n.text = ""
    default: return []
    }
    state.overlay = .note(n)
    return []
  }

  func draw(into g: inout Grid) {
    let label = offersUrgent ? (urgent ? " · label Urgent (Tab: off)" : " · Tab: label Urgent") : ""
    let title = "Route to \(owner.name) — a note (\"due tomorrow\" sets a due date)\(label),"
      + " Enter routes, Esc cancels"
    let inside = Box.draw(title, in: g.bounds.centred(width: 100, height: 3), into: &g)
    guard inside.height > 0 else { return }
    drawFilterLine(text, in: inside, into: &g)
  }
}
