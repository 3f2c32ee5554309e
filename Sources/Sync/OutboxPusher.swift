import Foundation
import FHIR
import FHIRMapping
import Store

/// What one push did.
public struct PushResult: Sendable, Equatable {
  /// Outbox id → the server's Communication id, for each entry delivered.
  public var delivered: [Int64: String] = [:]
  /// Entries the server refused for good, with the reason.
  public var failed: [Int64: String] = [:]
  /// Why delivery stopped early (the network, the server), if it did.
  public var stoppedBy: String?
  /// Reads written back through the companion.
  public var reads = 0
}

/// Delivers the outbox in order, exactly once.
///
/// Canvas has no idempotency key and answers a create with an id only in `Location`, so a request that may have
/// reached the server (a timeout, a dropped connection, a 5xx) is never simply sent again: the pusher first looks
/// for the message among the patient's messages from this sender — same recipient, same text, the `sent`
/// instant it set — and sends only if it is not there.
public final class OutboxPusher: Sendable {
  let client: FHIRClient
  let store: Store
  let now: @Sendable () -> Date
  let backoff: RetryPolicy
  /// Where sent messages are delivered to the patient's app, if anywhere.
  let webhook: URL?
  /// The companion plugin, which takes read state back to Canvas; nil without it.
  let companion: CompanionClient?

  public init(client: FHIRClient, store: Store, now: @escaping @Sendable () -> Date = Date.init,
              backoff: RetryPolicy = RetryPolicy(attempts: 1, base: 5, cap: 300), webhook: URL? = nil,
              companion: CompanionClient? = nil) {
    self.client = client; self.store = store; self.now = now; self.backoff = backoff; self.webhook = webhook
    self.companion = companion
  }

  /// Pushes every due entry, oldest first; stops at the first one the network or server would not take, so
  /// that messages reach a patient in the order they were written. Automatic retries wait out their backoff;
  /// a clinician's own request (`now`) does not.
  public func push(now asked: Bool = true) async throws -> PushResult {
    // Reads go after the rest and apart from it: a read that cannot be written never holds a reply back.
    let all = try store.pendingOutbox()
    var result = try await pushWrites(all.filter { $0.kind != .read }, asked: asked)
    result.reads = try await pushReads(all.filter { $0.kind == .read }, asked: asked)
    // Every push logs what it did, whoever asked (a sync, `send`, `record`, the inbox): ids, never words.
    SyncLog.pushed(result)
    return result
  }

  /// The writes a clinician waits for, in order; stops at the first the network or server would not take.
  func pushWrites(_ pending: [OutboxEntry], asked: Bool) async throws -> PushResult {
    var result = PushResult()
    guard !pending.isEmpty else { return result }
    // Where the server offers conditional create, an identifier makes a repeated create harmless. Not knowing
    // (the server did not answer /metadata in time) is not "no": a message sent without its identifier could not
    // be recognised by a conditional retry, so nothing is sent until the server says.
    let conditional: Bool, genericR4: Bool
    do {
      let capabilities = try await client.capabilities()
      conditional = capabilities.resource("Communication")?.conditionalCreate == true
      // Canvas documents neither; a server that offers either is a generic R4 server (HAPI, sekmet-fhir).
      genericR4 = conditional || capabilities.offersIncrementalCommunication
    } catch let e as FHIRError where e.isTransient || e.mayHaveReachedServer || e.isAuthentication {
      result.stoppedBy = e.description
      return result
    } catch {
      conditional = false
      genericR4 = false
    }
    for entry in pending {
      if !asked && entry.nextAttempt > now() { result.stoppedBy = entry.lastError ?? "waiting to retry"; break }
      do {
        if entry.kind == .task {
          result.delivered[entry.id] = try await pushTask(entry)
          continue
        }
        if entry.kind == .checkIn {
          result.delivered[entry.id] = try await pushCheckIn(entry)
          continue
        }
        if entry.kind == .taskStatus {
          try await pushTaskStatus(entry)
          result.delivered[entry.id] = entry.recipient
          continue
        }
        // An earlier try may have landed (perhaps before the server offered conditional create): look first.
        if entry.mayExist || entry.state == .sending, let id = try await findOnServer(entry) {
          try store.markSent(entry.id, serverID: MessageID(rawValue: id), at: now(), deliverTo: webhook)
          result.delivered[entry.id] = id
          continue
        }
        try store.markSending(entry.id, at: now())
        var message = entry.communication
        if genericR4 {
          // Canvas makes every create `completed` and takes the patient as subject itself (and wants neither sent:
          // reference §4.4); a generic R4 server keeps what it is given, and apps ask `patient=` and `completed`.
          message.status = "completed"
          message.subject = Reference(reference: entry.patientID.reference, type: "Patient")
        }
        var condition: String?
        if conditional {
          message.identifier = [Identifier(system: OutboxEntry.identifierSystem, value: entry.identifier)]
          condition = "identifier=\(OutboxEntry.identifierSystem)|\(entry.identifier)"
        }
        let id = try await client.create(message, type: "Communication", ifNoneExist: condition)
        try store.markSent(entry.id, serverID: MessageID(rawValue: id), at: now(), deliverTo: webhook)
        result.delivered[entry.id] = id
      } catch let e as FHIRError {
        if e.isTransient || e.mayHaveReachedServer || e.isAuthentication {
          let next = now().addingTimeInterval(backoff.delay(after: min(entry.attempts, 8), retryAfter: nil))
          try store.markRetry(entry.id, error: e.description, mayExist: e.mayHaveReachedServer, next: next, at: now())
          result.stoppedBy = e.description
          break
        }
        try store.markFailed(entry.id, error: e.description, at: now())
        result.failed[entry.id] = e.description
      }
    }
    return result
  }

  /// Creates a routing Task — after looking for it first when an earlier attempt may have landed.
  func pushTask(_ entry: OutboxEntry) async throws -> String {
    guard case .routing(let routing)? = entry.intent else {
      throw FHIRError.malformed("a queued routing could not be read")
    }
    let task = RoutingWrite(routing, patientID: entry.patientID).task
    if entry.mayExist || entry.state == .sending {
      let search = [("owner", entry.recipient), ("patient", entry.patientID.reference), ("_count", "100")]
      let found = try await client.search("Task", search)
      let wanted = Instant.parse(task.authoredOn ?? "") ?? .distantFuture
      for (t, _) in found.decodable(FHIRTask.self, named: "Task").resources
      where t.messageID == task.messageID && t.description == task.description
          && t.authoredOn.flatMap(Instant.parse).map { abs($0.timeIntervalSince(wanted)) < 1 } == true {
        if let id = t.id {
          try store.taskDelivered(outboxID: entry.id, localID: TaskID(rawValue: entry.localMessageID),
                              serverID: TaskID(rawValue: id), at: now())
          return id
        }
      }
    }
    try store.markSending(entry.id, at: now())
    let id = try await client.create(task, type: "Task")
    try store.taskDelivered(outboxID: entry.id, localID: TaskID(rawValue: entry.localMessageID),
                              serverID: TaskID(rawValue: id), at: now())
    return id
  }

  /// Puts a Task's new status (a PUT, which is safe to repeat).
  func pushTaskStatus(_ entry: OutboxEntry) async throws {
    guard case .routingStatus(let status)? = entry.intent else {
      throw FHIRError.malformed("a queued task change could not be read")
    }
    guard !entry.recipient.hasPrefix("outbox-") else {
      throw FHIRError.server(status: 409, message: "the routing is not delivered yet")
    }
    // The whole Task as last read (less its notes), made when it is sent: Canvas deletes what an update omits.
    guard let kept = try store.taskRaw(id: TaskID(rawValue: entry.recipient)),
          let write = try TaskStatusWrite(kept: kept, status: status), case .object(var task) = write.update else {
      throw FHIRError.malformed("the routing to change is not in the cache")
    }
    task["id"] = .string(entry.recipient)
    try store.markSending(entry.id, at: now())
    try await client.update(JSONValue.object(task), type: "Task", id: entry.recipient)
    try store.markDelivered(entry.id, at: now())
  }

  /// Looks for the entry's message on the server: the patient's messages from this sender, matched on
  /// recipient, text and the `sent` clinbox set (to the second: servers may store fewer digits).
  func findOnServer(_ entry: OutboxEntry) async throws -> String? {
    guard let sent = Instant.parse(entry.sent) else { return nil }
    let want = HTMLText.plain(entry.text)
    let search = [("patient", entry.patientID.reference), ("sender", entry.sender), ("_count", "100")]
    for try await bundle in client.pages("Communication", search) {
      for (c, _) in bundle.decodable(Communication.self, named: "Communication").resources {
        guard c.sender?.relative == entry.sender, c.recipient?.first?.relative == entry.recipient,
              let s = c.sent.flatMap(Instant.parse), abs(s.timeIntervalSince(sent)) < 1,
              HTMLText.plain(c.text) == want, let id = c.id else { continue }
        return id
      }
    }
    return nil
  }
}

