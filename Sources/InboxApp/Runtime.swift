import Foundation
import Store
import TerminalUI

/// Runs the app on a terminal: draws a frame, waits for a key (or a one-second tick), reduces, runs effects.
///
/// Effects here read a page from the local Store — bounded, sub-millisecond work — and run before the next frame,
/// so a frame is never drawn half-loaded. The network is never on this path.
public final class Runtime {
  let terminal: Terminal
  let store: Store
  public private(set) var state: AppState
  private var countedQuery: MessageQuery?
  private var countedTotal = 0

  public init(terminal: Terminal, store: Store, state: AppState) {
    self.terminal = terminal; self.store = store; self.state = state
  }

  public func run() {
    let (w, h) = terminal.size
    send(.resized(width: w, height: h))
    while !state.quitting {
      terminal.draw(render(state))
      guard let key = terminal.readKey(timeoutMS: 1000) else {
        send(.tick(Date()))
        continue
      }
      if key == .resize {
        let (w, h) = terminal.size
        send(.resized(width: w, height: h))
      } else {
        send(.key(key))
      }
    }
  }

  public func send(_ action: Action) {
    var queue = [action]
    while !queue.isEmpty {
      let a = queue.removeFirst()
      for effect in reduce(&state, a) {
        if let next = perform(effect) { queue.append(next) }
      }
    }
  }

  func perform(_ effect: Effect) -> Action? {
    do {
      switch effect {
      case .loadInbox(let query, let offset, let limit):
        // Counting a large view costs more than a page; count once per view.
        if countedQuery != query {
          countedTotal = try store.count(query)
          countedQuery = query
        }
        return .inboxLoaded(offset: offset, rows: try store.messages(query, offset: offset, limit: limit, total: countedTotal),
                             total: countedTotal)
      case .loadThread(let patientID):
        let messages = try store.thread(patientID: patientID)
        let total = try store.count(MessageQuery(view: .all, patientID: patientID))
        return .threadLoaded(patientID: patientID, patient: try store.patient(id: patientID), messages: messages, total: total)
      case .quit:
        return nil
      }
    } catch {
      state.status.notice = "cache error: \(error)"
      return nil
    }
  }
}
