import Clinic
import TerminalUI

/// `X`, then: discard this failed message? `y` takes it out of the outbox (its text kept as a draft); any other
/// key keeps it.
enum ConfirmDiscard {
  static func run(_ command: Command, messageID: MessageID) -> OverlayStep {
    guard command == .yes else { return .close() }
    return .close([.discardFailed(messageID: messageID)], notice: "discarded — its text is in Drafts")
  }

  static func draw(into g: inout Grid) {
    let inside = Box.draw("Discard this failed message?", in: g.bounds.centred(width: 66, height: 3), into: &g)
    g.put("y discards it (its text is kept in Drafts) · any other key keeps it", x: inside.x, y: inside.y,
          role: .normal, maxWidth: inside.width)
  }
}
