import Clinic
import TerminalUI

/// After the colleague is chosen: the short note the routing Task carries (Canvas requires a description).
public struct RouteNote: Equatable {
  public var messageID: String
  public var patientID: String
  public var owner: StaffMember
  public var text = ""

  func run(_ command: Command, _ state: inout AppState) -> [Effect] {
    var n = self
    switch command {
    case .cancel: state.overlay = nil; return []
    case .accept:
      state.overlay = nil
      let note = text.trimmingCharacters(in: .whitespaces)
      state.undo.append(.routed(messageID: messageID))
      notify("routed to \(owner.name) · z undoes", &state)
      return [.route(messageID: messageID, patientID: patientID, owner: owner.reference,
                     note: note.isEmpty ? "Please review this message" : note)]
    case .deleteBack: if !n.text.isEmpty { n.text.removeLast() }
    case .killToStart: n.text = ""
    default: return []
    }
    state.overlay = .note(n)
    return []
  }

  func draw(into g: inout Grid) {
    let title = "Route to \(owner.name) — a note for them, Enter routes, Esc cancels"
    let inside = Box.draw(title, in: g.bounds.centred(width: 70, height: 3), into: &g)
    guard inside.height > 0 else { return }
    drawFilterLine(text, in: inside, into: &g)
  }
}
