import Crypto
import Foundation
import FHIR
import Store
import NIOHTTP1

/// Delivers each message clinbox sent, once the server has it, to the patient's app: the Communication as the
/// server returns it (`GET Communication/<id>`), POSTed as JSON — the protocol of Canvas's messaging guide.
///
/// Ours on top of the guide: a durable queue in the cache, retries with backoff, an `X-Clinbox-Delivery` id —
/// the Communication's, as the companion plugin sends it, so a receiver drops a repeat from either — an
/// `X-Clinbox-Signature:
/// sha256=<hex>` HMAC of the body with the configured secret, and never a second send after a 2xx.
public final class WebhookSender: Sendable {
  let client: FHIRClient
  let store: Store
  let url: URL
  let secret: String?
  let timeout: TimeInterval
  let now: @Sendable () -> Date
  let backoff: RetryPolicy

  public init(client: FHIRClient, store: Store, url: URL, secret: String?, timeout: TimeInterval = 15,
              now: @escaping @Sendable () -> Date = Date.init,
              backoff: RetryPolicy = RetryPolicy(attempts: 1, base: 5, cap: 600)) {
    self.client = client; self.store = store; self.url = url; self.secret = secret
    self.now = now; self.backoff = backoff
    self.timeout = timeout
  }

  /// Delivers what is due; returns how many went and the last problem, if any.
  @discardableResult
  public func deliver() async throws -> (delivered: Int, problem: String?) {
    var delivered = 0
    var problem: String?
    for d in try store.dueDeliveries(at: now()) {
      do {
        let (message, raw) = try await client.read(Communication.self, "Communication", id: d.messageID.rawValue)
        // Only what the patient has been sent goes to their app: a draft in Canvas or a message scheduled for
        // later waits (it may be sent later), and gives up with the usual budget.
        if let status = message.status, status == "preparation" || status == "in-progress" {
          problem = status == "preparation" ? "not sent: a draft in Canvas" : "not sent yet: scheduled for later"
          try retryLater(d, problem!)
          continue
        }
        let body = try raw.jsonData()
        let status = try await post(body, deliveryID: d.messageID.rawValue, to: URL(string: d.url) ?? url)
        if (200...299).contains(status) {
          try store.markDeliveryDone(d.id, at: now())
          delivered += 1
        } else {
          problem = "the webhook answered \(status)"
          try retryLater(d, problem!)
        }
      } catch {
        problem = "\(error)"
        try retryLater(d, problem!)
      }
    }
    return (delivered, problem)
  }

  /// A delivery that did not go through: tried again after the backoff its attempts so far call for.
  private func retryLater(_ d: Delivery, _ problem: String) throws {
    let wait = backoff.delay(after: min(d.attempts, 10), retryAfter: nil)
    try store.markDeliveryRetry(d.id, error: problem, next: now().addingTimeInterval(wait))
  }

  /// One POST; the status code, or a thrown error when no answer came.
  public func post(_ body: Data, deliveryID: String, to target: URL? = nil) async throws -> Int {
    var headers = [("Content-Type", "application/json"), ("X-Clinbox-Delivery", deliveryID), ("User-Agent", "clinbox")]
    if let secret { headers.append(("X-Clinbox-Signature", "sha256=" + Self.signature(body, secret: secret))) }
    let answer = try await HTTPTransport.shared.send(.POST, target ?? url, headers: headers, body: body,
                                                     timeout: timeout)
    return answer.status
  }

  /// HMAC-SHA256 of the body with the secret, as lower-case hex.
  public static func signature(_ body: Data, secret: String) -> String {
    let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
    return mac.map { String(format: "%02x", $0) }.joined()
  }
}
