import Foundation
import FHIR
import FHIRMapping
import InboxApp
import InboxRuntime
import Sandbox
import Store
import TerminalUI

// Benchmarks: measure and print figures; they never fail on a time. Run with
//   swift run -c release clinbox-bench [messages] [key-latency rounds]     (default 1,000,000 and 30)
// With CLINBOX_BENCH_CACHE=<path>, the cache is kept there and, when it already holds the messages, reused
// (building a million takes minutes): the seed and store figures are then skipped.

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
let latencyRounds = CommandLine.arguments.dropFirst(2).first.flatMap(Int.init) ?? 30
let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: dir) }

func measure<T>(_ label: String, repeat times: Int = 1, _ body: () throws -> T) rethrows -> T {
  var result: T?
  let start = Date()
  for _ in 0..<times { result = try body() }
  let per = Date().timeIntervalSince(start) / Double(times)
  let shown = per >= 1 ? String(format: "%.2f s", per) : per >= 0.001 ? String(format: "%.2f ms",
                                                                               per * 1000) : String(format: "%.1f µs",
                                                                                   per * 1_000_000)
  print("\(label.padding(toLength: 52, withPad: " ", startingAt: 0)) \(shown)")
  return result!
}

print("clinbox benchmarks, \(count) messages")
let kept = ProcessInfo.processInfo.environment["CLINBOX_BENCH_CACHE"]
let store = try Store(path: kept ?? dir.appendingPathComponent("cache.sqlite").path)
let now = Date()
let reused = (try store.counts().messages) >= count

// 1. The sandbox seeds its own database.
if !reused {
  var options = SandboxOptions()
  options.messages = count
  options.databasePath = dir.appendingPathComponent("sandbox.sqlite").path
  let sandbox = try measure("sandbox: seed \(count) messages") { try SandboxServer(options: options) }
  await sandbox.stop()
}

// 2. The cache takes pages the way sync writes them: one transaction per 100 messages.
if !reused { try measure("cache: store \(count) messages, 100 a transaction") {
  var i = 0
  while i < count {
    try store.transaction(at: now) { cache in
      for j in i..<min(count, i + 100) {
        let p = Reference(reference: PatientID(rawValue: "p\(j % 5000)").reference, type: "Patient")
        let d = Reference(reference: StaffID(rawValue: "doc\(j % 7)").reference, type: "Practitioner")
        let sent = Instant.format(now.addingTimeInterval(-Double(j) * 30))
        let text = "Message \(j): " + SampleMessages.text(j, fromPatient: j % 3 != 0)
        let c = Communication(id: "m\(j)", status: "completed", subject: p, sent: sent,
                              recipient: [j % 3 == 0 ? p : d], sender: j % 3 == 0 ? d : p, text: text)
        if let m = SyncedMessage(c, raw: .null) { try cache.upsert(m) }
      }
    }
    i += 100
  }
} }

// As a sync does after its pages: what was stored goes into the search index in large batches.
if try store.searchPendingCount() > 0 {
  try measure("cache: index the stored messages for search") { try store.indexPendingSearch() }
}

// 3. What the UI asks for on a key press.
let all = MessageQuery(view: .all, me: "doc0")
let unread = MessageQuery(view: .unread, me: "doc0")
_ = try measure("inbox: count of All", repeat: 5) { try store.count(all) }
_ = try measure("inbox: count of Unread (to me)", repeat: 5) { try store.count(unread) }
_ = try measure("sidebar: counts of all nine views", repeat: 3) { try store.viewCounts(me: "doc0") }
_ = try measure("inbox: first page (200 rows)", repeat: 20) { try store.messages(all, offset: 0, limit: 200) }
let total = try store.count(all)
_ = try measure("inbox: page in the middle (200 rows)",
                repeat: 5) { try store.messages(all, offset: count / 2, limit: 200, total: total) }
_ = try measure("inbox: last page (200 rows)",
                repeat: 5) { try store.messages(all, offset: max(0, count - 200), limit: 200, total: total) }
_ = try measure("thread: newest 500 of one patient", repeat: 20) { try store.thread(patientID: "p42") }

// 4. Drawing a frame.
let rows = try store.messages(all, offset: 0, limit: 200)
var state = AppState(width: 250, height: 70, now: now, query: all,
                     status: StatusInfo(server: "bench", actingAs: "", lastSync: now))
_ = reduce(&state, .inboxLoaded(offset: 0, rows: rows, total: count))
_ = measure("render: inbox frame 250×70", repeat: 50) { render(state) }
_ = measure("render: inbox frame 40×10", repeat: 200) { () -> Grid in
  var s = state; s.width = 40; s.height = 10; return render(s)
}

// 5. Key latency: the real runtime, key by key, over the same cache.
print("\nkey latency over \(count) messages (\(latencyRounds) rounds; frame = the frame after the key, "
      + "settled = its effects back and drawn)")
let latency = measureKeyLatency(store: store, me: "doc0", rounds: latencyRounds)
print(latency.table())
print("json: " + latency.json())
