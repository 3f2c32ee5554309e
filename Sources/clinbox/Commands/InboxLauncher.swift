import Foundation
import InboxApp
import Store
import TerminalUI

/// Opens the inbox on the real terminal and restores the terminal however it ends.
enum InboxLauncher {
  static func open(store: Store, serverLabel: String, practitionerID: String?, notice: String? = nil) throws {
    let actingName = practitionerID.flatMap { try? store.staffMember(id: $0)?.name } ?? ""
    let status = StatusInfo(server: serverLabel, actingAs: actingName.isEmpty ? "" : "acting as \(actingName)",
                            lastSync: try? store.lastSync(), notice: notice)
    let terminal: NCursesTerminal
    do { terminal = try NCursesTerminal() } catch { throw Failure("\(error)") }
    defer { terminal.stop() }
    let (w, h) = terminal.size
    let state = AppState(width: w, height: h, now: Date(),
                         query: MessageQuery(view: .all, me: practitionerID.map { "Practitioner/\($0)" }), status: status)
    Runtime(terminal: terminal, store: store, state: state).run()
  }

  /// "127.0.0.1:4321" or "fumage-x.canvasmedical.com": the server as the status line shows it.
  static func label(_ url: URL?) -> String {
    guard let url, let host = url.host else { return "offline" }
    return url.port.map { "\(host):\($0)" } ?? host
  }
}
