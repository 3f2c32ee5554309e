import Foundation
import TerminalUI

/// What Any staff costs, in words: "Any staff: 26,000 messages on the server, 260 requests of 100".
public enum AnyStaffCost {
  public static func text(_ cost: (messages: Int, requests: Int)?) -> String {
    guard let cost else { return "Any staff: the server does not say how many messages it holds" }
    let n = NumberFormatter.localizedString(from: NSNumber(value: cost.messages), number: .decimal)
    let r = NumberFormatter.localizedString(from: NSNumber(value: cost.requests), number: .decimal)
    return "Any staff: \(n) messages on the server, \(r) requests of 100"
  }
}

/// `:any-staff`, once its cost is known: sync every message of the practice from now on? `y` does; any other key
/// does not.
enum ConfirmAnyStaff {
  static func draw(cost: String, into g: inout Grid) {
    let inside = Box.draw("Sync Any staff: every patient message to any colleague?",
                          in: g.bounds.centred(width: 76, height: 4), into: &g)
    g.put(cost, x: inside.x, y: inside.y, role: .normal, maxWidth: inside.width)
    g.put("y syncs it from now on · any other key does not", x: inside.x, y: inside.y + 1, role: .normal,
          maxWidth: inside.width)
  }
}
