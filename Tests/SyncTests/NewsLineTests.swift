import Foundation
import Testing
import Logging
import Clinic
import Sandbox
import WSClient
@testable import Sync

/// What the companion's sockets say, as a clinbox hears it.
final class Heard: @unchecked Sendable {
  private let lock = NSLock()
  private var events: [NewsEvent] = []
  private var states: [NewsState] = []

  func add(_ e: NewsEvent) { lock.withLock { events.append(e) } }
  func add(_ s: NewsState) { lock.withLock { states.append(s) } }
  var heard: [NewsEvent] { lock.withLock { events } }
  var state: NewsState? { lock.withLock { states.last } }
  var allStates: [NewsState] { lock.withLock { states } }

  /// Waits up to `seconds` for `condition`; whether it came.
  func within(_ seconds: TimeInterval, _ condition: (Heard) -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition(self) { return true }
      try? await Task.sleep(nanoseconds: 10_000_000)
    }
    return condition(self)
  }
}

/// The news line: one socket per watched channel, events within a second, a refused key said, a dropped socket
/// opened again by itself. The waits are long: beside the rest of the suite on two cores a socket has taken many
/// seconds to open (the second it takes on a quiet machine is `scripts/bench-companion`'s to measure).
@Suite struct NewsLineTests {
  func line(_ sandbox: RunningSandbox, key: String = "demo", _ heard: Heard) -> NewsLine {
    NewsLine(companion: CompanionClient.base(forFHIR: sandbox.url), key: key, longestWait: 1,
             onEvent: { heard.add($0) }, onState: { heard.add($0) })
  }

  @Test func aPatientsMessageIsHeardWithinASecond() async throws {
    let sandbox = try await RunningSandbox.start()
    let heard = Heard()
    let news = line(sandbox, heard)
    news.watch([NewsLine.channel(forFeed: sandbox.me.rawValue)])
    #expect(await heard.within(60) { $0.state == .live }, "the socket opens: \(heard.allStates)")
    let id = try await newPatientMessage(sandbox, text: "heard at once")
    // A second on a quiet machine (`scripts/bench-companion`); beside the rest of the suite on two cores, longer.
    #expect(await heard.within(5) { $0.heard.contains { $0.id == id.rawValue && $0.type == "message" } },
            "the event came")
    news.stop()
    #expect(await heard.within(5) { _ in sandbox.server.news.open() == 0 }, "stopped: no socket left open")
    await sandbox.stop()
  }

  @Test func aRefusedKeySaysSoAndStaysPolling() async throws {
    let sandbox = try await RunningSandbox.start()
    let heard = Heard()
    let news = line(sandbox, key: "wrong", heard)
    news.watch(["staff-\(sandbox.me.rawValue)"])
    #expect(await heard.within(20) { $0.state == .polling("the companion refused the socket (its key, or no plugin)") },
            "\(heard.allStates)")
    #expect(sandbox.server.news.open() == 0)
    news.stop()
    await sandbox.stop()
  }

  @Test func aDroppedSocketOpensAgainByItself() async throws {
    let sandbox = try await RunningSandbox.start()
    let heard = Heard()
    let news = line(sandbox, heard)
    news.watch(["staff-\(sandbox.me.rawValue)", "practice"])
    #expect(await heard.within(60) { $0.state == .live })
    #expect(sandbox.server.news.open() == 2, "one socket per channel")
    #expect(sandbox.server.news.dropSockets() == 2)
    #expect(await heard.within(20) { $0.allStates.filter { $0 == .live }.count == 2 && $0.state == .live },
            "said as down, then live again by itself: \(heard.allStates)")
    let id = try await newPatientMessage(sandbox, text: "after the drop")
    #expect(await heard.within(5) { $0.heard.contains { $0.id == id.rawValue } })
    news.stop()
    await sandbox.stop()
  }

  @Test func aFrameThatIsNotTheContractsIsSaidAndTheSocketOpensAgain() async throws {
    let sandbox = try await RunningSandbox.start()
    let heard = Heard()
    let news = line(sandbox, heard)
    let channel = NewsLine.channel(forFeed: sandbox.me.rawValue)
    news.watch([channel])
    #expect(await heard.within(60) { $0.state == .live })
    sandbox.server.news.send(#"{"hello": "world"}"#, to: [channel])
    #expect(await heard.within(20) {
      $0.allStates.contains(.polling("the companion sent a frame clinbox does not know"))
        && !$0.allStates.contains(.polling("the companion closed its socket"))
        && $0.allStates.filter { $0 == .live }.count == 2 && $0.state == .live
    }, "said, then live again: \(heard.allStates)")
    #expect(heard.heard.isEmpty, "a stray frame is never news")
    news.stop()
    await sandbox.stop()
  }

  /// The frames themselves, read raw: ids and a time, never a word of the message or a name.
  @Test func aFrameHoldsIdsAndATimeOnly() async throws {
    let sandbox = try await RunningSandbox.start()
    let frames = Heard()
    let url = "ws://\(sandbox.url.host!):\(sandbox.url.port!)/plugin-io/ws/clinbox_companion/practice/?api_key=demo"
    let reader = Task {
      try await WebSocketClient.connect(url: url, logger: Logger(label: "test")) { inbound, _, _ in
        frames.add(.live)
        for try await message in inbound.messages(maxSize: 1 << 16) {
          if case .text(let text) = message { frames.add(.polling(text)) }
        }
      }
    }
    #expect(await frames.within(60) { $0.state == .live })
    let id = try await newPatientMessage(sandbox, text: "Secret words about my rash")
    #expect(await frames.within(10) { $0.allStates.count > 1 })
    guard case .polling(let text?) = frames.state else { Issue.record("no frame"); return }
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
    #expect(Set(object.keys) == ["type", "id", "modified"])
    #expect(object["id"] == id.rawValue && object["type"] == "message")
    #expect(!text.contains("rash") && !text.contains("Secret"))
    reader.cancel()
    await sandbox.stop()
  }
}
