import Foundation
import TerminalUI

/// The bottom line: where the list stands, the server and when it last synced, and the keys of the screen.
enum StatusLine {
  static func draw(_ state: AppState, left: String, into g: inout Grid) {
    let y = g.height - 1
    guard y >= 1 else { return }
    g.fill(y: y, role: .status)
    var parts: [String] = []
    if let notice = state.status.notice { parts.append(Sanitizer.line(notice)) }
    if !left.isEmpty { parts.append(left) }
    let sync = state.status.lastSync.map { "synced \(TimeText.ago($0, now: state.now, state.timeZone))" } ?? "never synced"
    parts.append("\(state.status.server) \(sync)")
    parts.append(Command.hints(on: state.screen).joined(separator: "  "))
    g.put(TextLayout.truncate(" " + parts.joined(separator: " · "), to: g.width), x: 0, y: y, role: .status)
  }
}
