import Foundation
import FHIR
import NIOCore
import NIOWebSocket

/// The companion's WebSocket channels as the plugin serves them (companion-api.md): `staff-<id>` for each staff
/// member, `practice` for Any staff, the key in `?api_key=`; each event a text frame of ids and a time, nothing more.
/// And its bad days, for tests and `clinbox sandbox`: sockets dropped, cursors refused, a slow feed.
/// `@unchecked Sendable`: `sockets`, `cursorRefusals`, `garbledFeeds` and `delay` are under `lock`.
public final class CompanionNews: SocketDoor, @unchecked Sendable {
  let key: String?
  private let lock = NSLock()
  private var sockets: [String: [ObjectIdentifier: Channel]] = [:]
  private var cursorRefusals = 0
  private var garbledFeeds = 0
  private var delay: TimeInterval = 0

  init(key: String?) { self.key = key }

  func channel(uri: String) -> String? {
    guard let key, let c = URLComponents(string: uri) else { return nil }
    let parts = c.path.split(separator: "/").map(String.init)
    guard parts.count == 4, Array(parts.prefix(3)) == ["plugin-io", "ws", "clinbox_companion"],
          SandboxServer.sameKey(c.queryItems?.first { $0.name == "api_key" }?.value ?? "", key) else { return nil }
    let name = parts[3]
    return name == "practice" || (name.hasPrefix("staff-") && name.count > 6) ? name : nil
  }

  func joined(_ name: String, _ socket: Channel) {
    let id = ObjectIdentifier(socket)
    lock.withLock { sockets[name, default: [:]][id] = socket }
    socket.closeFuture.whenComplete { [self] _ in _ = lock.withLock { sockets[name]?.removeValue(forKey: id) } }
  }

  /// How many sockets are open on `channel` (all channels: nil).
  public func open(on channel: String? = nil) -> Int {
    lock.withLock { channel.map { sockets[$0]?.count ?? 0 } ?? sockets.values.reduce(0) { $0 + $1.count } }
  }

  /// Sends an event to the sockets of `channels`.
  func publish(_ type: String, id: String, modified: Date, to channels: Set<String>) {
    send(JSONValue.object(["type": .string(type), "id": .string(id),
                           "modified": .string(SandboxServer.time(modified.timeIntervalSince1970))]).jsonText,
         to: channels)
  }

  /// Sends `text` as it is to the sockets of `channels`: a frame that is not the contract's, for tests.
  public func send(_ text: String, to channels: Set<String>) {
    let targets = lock.withLock { channels.flatMap { sockets[$0].map { Array($0.values) } ?? [] } }
    for socket in targets {
      let frame = WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: text))
      socket.writeAndFlush(frame, promise: nil)
    }
  }

  /// Closes every socket at once, as a proxy or a restarting instance does; how many were open.
  @discardableResult
  public func dropSockets() -> Int {
    let all = lock.withLock { sockets.values.flatMap(\.values) }
    for socket in all { socket.close(promise: nil) }
    return all.count
  }

  /// Drops every socket every `seconds`; cancel the task to stop.
  public func startDrops(every seconds: TimeInterval) -> Task<Void, Never> {
    Task { [self] in
      while !Task.isCancelled {
        try? await Task.sleep(nanoseconds: UInt64(max(0.05, seconds) * 1e9))
        if !Task.isCancelled { dropSockets() }
      }
    }
  }

  /// The next `count` changes requests that carry a cursor answer 400, as a plugin that can no longer read it.
  public func refuseCursors(_ count: Int) { lock.withLock { cursorRefusals += count } }
  func takeCursorRefusal() -> Bool { takeOne(\.cursorRefusals) }

  /// The next `count` changes requests answer 200 with a body that is not the contract's.
  public func garbleFeeds(_ count: Int) { lock.withLock { garbledFeeds += count } }
  func takeGarbledFeed() -> Bool { takeOne(\.garbledFeeds) }

  /// One of the faults counted at `count`, if any is left.
  private func takeOne(_ count: ReferenceWritableKeyPath<CompanionNews, Int>) -> Bool {
    lock.withLock {
      guard self[keyPath: count] > 0 else { return false }
      self[keyPath: count] -= 1
      return true
    }
  }

  /// Each changes request waits this long before it is answered: a slow feed.
  public var feedDelay: TimeInterval {
    get { lock.withLock { delay } }
    set { lock.withLock { delay = newValue } }
  }
}

extension SandboxServer {
  /// A message was created or transmitted: its staff member's channel and the practice's hear of it.
  func tellOfMessage(_ id: String, sender: String, recipient: String, at: Date) {
    let staff = [sender, recipient].filter { $0.hasPrefix("Practitioner/") }.map { "staff-" + $0.dropFirst(13) }
    let patient = [sender, recipient].contains { $0.hasPrefix("Patient/") }
    news.publish("message", id: id, modified: at, to: Set(staff + (patient ? ["practice"] : [])))
  }

  /// A task was created or changed: its owner's and requester's channels hear of it.
  func tellOfTask(_ id: String, owner: String?, requester: String?, at: Date) {
    let staff = [owner, requester].compactMap { $0 }.filter { $0.hasPrefix("Practitioner/") }
      .map { "staff-" + $0.dropFirst(13) }
    news.publish("task", id: id, modified: at, to: Set(staff))
  }
}
