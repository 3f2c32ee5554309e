import FHIR
import Foundation
import Logging

/// What a sync writes to the log (`--log FILE`; nothing without it): counts, ids and whether the server could be
/// reached — never a name, a message's text or what a server said about one (its diagnostics may quote them).
public enum SyncLog {
  static let logger = Logger(label: "clinbox.sync")

  public static func finished(_ summary: SyncSummary, pending: Int, seconds: Double) {
    logger.info("sync finished", metadata: [
      "messages": "\(summary.messages)", "pages": "\(summary.pages)", "patients": "\(summary.patients)",
      "staff": "\(summary.practitioners)", "skipped": "\(summary.skipped)", "queued": "\(pending)",
      "seconds": "\(String(format: "%.2f", seconds))",
    ])
  }

  public static func failed(_ error: Error, pending: Int) {
    let offline = (error as? FHIRError)?.isTransient == true
    logger.warning("sync failed", metadata: ["offline": "\(offline)", "queued": "\(pending)"])
  }

  /// What an outbox push delivered, and what the server refused for good (its reason is not logged: a server's
  /// words may quote the message).
  static func pushed(_ result: PushResult) {
    for (entry, id) in result.delivered.sorted(by: { $0.key < $1.key }) {
      logger.info("outbox entry delivered", metadata: ["entry": "\(entry)", "id": "\(id)"])
    }
    for entry in result.failed.keys.sorted() {
      logger.warning("outbox entry refused", metadata: ["entry": "\(entry)"])
    }
  }
}
