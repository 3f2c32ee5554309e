import Foundation
import InboxApp
import InboxRuntime
import Store
import TerminalUI

/// Key latency: the real runtime (reduce, the effect queue, the Store) on an in-memory terminal over the bench's
/// cache. For every action of the table it measures two times from the key:
/// - **frame**: until the frame after the key is rendered (what the loop draws before it waits on anything);
/// - **rows**: until what the key asked for is on screen — a view's first page, a thread (the count may come later);
/// - **settled**: until every effect the key asked for is back, reduced and rendered (a new view's count too).
/// Drawing to a real terminal (ncurses) is not included: it needs a tty, and costs the same for every action.
struct KeyLatency {
  struct Sample {
    var frame: [Double] = []
    var rows: [Double] = []
    var settled: [Double] = []
  }

  let runtime: Runtime
  private(set) var samples: [(name: String, sample: Sample)] = []

  init(store: Store, me: StaffID) {
    var setup = AppState.Setup()
    setup.config.timeZone = TimeZone(identifier: "UTC")!
    let state = AppState(width: 160, height: 50, now: Date(), query: MessageQuery(view: .all, me: me),
                         status: StatusInfo(server: "bench", actingAs: "acting as bench",
                                            lastSync: Date()), setup: setup)
    runtime = Runtime(terminal: MemoryTerminal(width: 160, height: 50, keys: []), store: store, state: state)
    runtime.send(.resized(width: 160, height: 50))
    runtime.settle(timeout: 60)
  }

  /// Presses `keys` (the last one timed) and records both times under `name`.
  mutating func press(_ name: String, _ keys: [Key]) {
    for k in keys.dropLast() {
      runtime.send(.key(k))
      runtime.settle(timeout: 60)
    }
    guard let timed = keys.last else { return }
    let start = DispatchTime.now().uptimeNanoseconds
    runtime.send(.key(timed))
    _ = render(runtime.state)
    let frame = DispatchTime.now().uptimeNanoseconds
    // Every effect the keys wait for is back (a page, a thread, the staff); only counts may still be out.
    let runtime = self.runtime
    runtime.settle(until: { s in s.inbox.loaded && !runtime.isBusy }, timeout: 60)
    _ = render(runtime.state)
    let rows = DispatchTime.now().uptimeNanoseconds
    runtime.settle(timeout: 60)
    _ = render(runtime.state)
    let settled = DispatchTime.now().uptimeNanoseconds
    let i = samples.firstIndex { $0.name == name } ?? { samples.append((name, Sample())); return samples.count - 1 }()
    samples[i].sample.frame.append(Double(frame - start) / 1e6)
    samples[i].sample.rows.append(Double(rows - start) / 1e6)
    samples[i].sample.settled.append(Double(settled - start) / 1e6)
  }

  /// p50, p99 and max of milliseconds.
  static func summary(_ ms: [Double]) -> (p50: Double, p99: Double, max: Double) {
    let s = ms.sorted()
    func at(_ q: Double) -> Double { s[min(s.count - 1, Int((Double(s.count - 1) * q).rounded(.up)))] }
    return (at(0.5), at(0.99), s.last ?? 0)
  }

  func table() -> String {
    var lines = [pad("action", 26) + pad("n", 5) + pad("frame p50/p99/max ms", 30) + pad("rows p50/p99/max ms", 30)
                 + "settled p50/p99/max ms"]
    for (name, s) in samples {
      let cells = [s.frame, s.rows, s.settled].map(Self.summary)
        .map { String(format: "%.2f / %.2f / %.2f", $0.p50, $0.p99, $0.max) }
      lines.append(pad(name, 26) + pad(String(s.frame.count), 5) + pad(cells[0], 30) + pad(cells[1], 30) + cells[2])
    }
    return lines.joined(separator: "\n")
  }

  func json() -> String {
    let rows = samples.map { name, s -> String in
      let f = Self.summary(s.frame), r = Self.summary(s.rows), t = Self.summary(s.settled)
      return String(format: "{\"action\":\"%@\",\"n\":%d,\"frame_ms\":{\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f},"
                    + "\"rows_ms\":{\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f},"
                    + "\"settled_ms\":{\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f}}",
                    name, s.frame.count, f.p50, f.p99, f.max, r.p50, r.p99, r.max, t.p50, t.p99, t.max)
    }
    return "[" + rows.joined(separator: ",") + "]"
  }

  private func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: n, withPad: " ", startingAt: 0) }
}

/// Every action of the table a clinician uses on a large inbox, `rounds` times each.
func measureKeyLatency(store: Store, me: StaffID, rounds: Int) -> KeyLatency {
  var bench = KeyLatency(store: store, me: me)
  for _ in 0..<rounds {
    bench.press("move (j)", [.character("j")])
    bench.press("page (PgDn)", [.pageDown])
    bench.press("last (G)", [.character("G")])
    bench.press("first (g)", [.character("g")])
    bench.press("open (Enter)", [.enter])
    bench.press("back (q)", [.character("q")])
    bench.press("route picker open (a)", [.character("a")])
    bench.press("route picker close (Esc)", [.escape])
    bench.press("done (d)", [.character("d")])
    bench.press("undo (z)", [.character("z")])
    bench.press("search (/ refill Enter)", [.character("/")] + "refill".map { .character($0) } + [.enter])
    bench.press("search cleared (/ Enter)", [.character("/")] + Array(repeating: .backspace, count: 6) + [.enter])
    // Every view in turn, from All round to All.
    for view in InboxView.allCases { bench.press("view → \(view.title)", [.character("]")]) }
  }
  return bench
}
