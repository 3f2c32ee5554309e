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

  func run(_ command: Command) -> OverlayStep {
    var n = self
    switch command {
    case .cancel: return .close()
    case .accept: return .finish(.route(self))
    case .complete:
      guard offersUrgent else { return .stay(.note(self)) }
      n.urgent.toggle()
    case .deleteBack: if !n.text.isEmpty { n.text.removeLast() }
    case .killToStart: n.text = ""
    default: break
    }
    return .stay(.note(n))
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
