import Foundation
import Clinic
import FHIR
import FHIRMapping
import Store

/// A page of Communications decoded once: each in the server's order, typed, with its raw JSON (kept whole), its id
/// and its `sent` read once. The walk's order and edge, the people to read and the cache's rows all come from it.
struct DecodedPage: Sendable {
  struct Entry: Sendable {
    /// Nil when the resource did not decode (one malformed resource must not stop the rest of a page); its id and
    /// `sent` still count for the walk's order and edge.
    let message: Communication?
    let raw: JSONValue
    let id: String?
    let sent: Date?
  }
  let entries: [Entry]

  init(_ bundle: SearchBundle) { self.init((bundle.entry ?? []).compactMap(\.resource)) }

  /// The Communications among `resources`, as read one by one or found in a page.
  init(_ resources: [JSONValue]) {
    entries = PhaseClock.shared.time(.decode) {
      resources.compactMap { raw in
        guard raw["resourceType"]?.stringValue == "Communication" else { return nil }
        let message = try? raw.decode(Communication.self)
        let sent = (message.map(\.sent) ?? raw["sent"]?.stringValue).flatMap(Instant.parse)
        return Entry(message: message, raw: raw, id: message?.id ?? raw["id"]?.stringValue, sent: sent)
      }
    }
  }

  /// The ids, in the server's order.
  var ids: [String] { entries.compactMap(\.id) }

  /// Whether the page lists its messages oldest first (its first `sent` before its last).
  var listsOldestFirst: Bool {
    let sent = entries.compactMap(\.sent)
    guard let a = sent.first, let b = sent.last else { return false }
    return a < b
  }
}

/// A page decoded, with the people it names read: what one transaction writes.
struct PreparedPage: Sendable {
  let messages: [SyncedMessage]
  let patients: [SyncedPatient]
  let staff: [SyncedStaff]
  /// Entries that were not a Communication clinbox can show.
  let skipped: Int
  /// The page's newest `meta.lastUpdated`.
  let newest: Date?
  /// The Patient and Practitioner ids read for it.
  let read: Set<String>
}

/// What storing a page came to.
typealias StoredPage = (messages: Int, patients: Int, practitioners: Int, skipped: Int, newest: Date?)

extension SyncEngine {
  /// Fetches the people a page names that the cache lacks, then writes the page in one transaction.
  /// `markKey`: keep the page's newest `meta.lastUpdated` as the scope's high-water mark, in the same
  /// transaction as the page, so a sync killed midway resumes where its last page ended.
  func store(page bundle: SearchBundle, markKey: String? = nil) async throws -> StoredPage {
    try await commit(try await prepare(page: DecodedPage(bundle)), markKey: markKey)
  }

  /// Decodes a page and reads the people it names that are neither cached nor in `alreadyRead` (read for a page
  /// whose write is still on its way).
  func prepare(page: DecodedPage, alreadyRead: Set<String> = []) async throws -> PreparedPage {
    var patientIDs = Set<String>(), staffIDs = Set<String>()
    for c in page.entries.compactMap(\.message) {
      for ref in [c.sender] + (c.recipient ?? []) + [c.subject] {
        guard let ref, let id = ref.id else { continue }
        switch ref.resourceType {
        case "Patient": patientIDs.insert(id)
        case "Practitioner": staffIDs.insert(id)
        default: break
        }
      }
    }
    let (missingPatients, missingStaff) = try store.missing(patients: patientIDs.subtracting(alreadyRead),
                                                            staff: staffIDs.subtracting(alreadyRead))
    let (patients, staff) = try await PhaseClock.shared.time(.people) {
      (try await readEach(Patient.self, "Patient", missingPatients.sorted()),
       try await readEach(Practitioner.self, "Practitioner", missingStaff.sorted()))
    }
    let mapped = PhaseClock.shared.time(.decode) {
      page.entries.compactMap { e in e.message.flatMap { SyncedMessage($0, raw: e.raw, sent: e.sent) } }
    }
    return PreparedPage(messages: mapped, patients: patients.compactMap { SyncedPatient($0.0, raw: $0.1) },
                        staff: staff.compactMap { SyncedStaff($0.0, raw: $0.1) },
                        skipped: page.entries.count - mapped.count,
                        newest: page.entries.compactMap { $0.message?.meta?.lastUpdated.flatMap(Instant.parse) }.max(),
                        read: missingPatients.union(missingStaff))
  }

  /// Writes a prepared page in one transaction, on the cache's writer.
  func commit(_ page: PreparedPage, markKey: String?) async throws -> StoredPage {
    let start = DispatchTime.now().uptimeNanoseconds
    try await store.asyncTransaction(at: now()) { cache in
      for p in page.patients { try cache.upsert(p) }
      for s in page.staff { try cache.upsert(s) }
      for m in page.messages { try cache.upsert(m) }
      if let markKey, let newest = page.newest { try cache.advanceSyncMark(markKey, to: newest) }
    }
    PhaseClock.shared.add(.store, since: start)
    return (page.messages.count, page.patients.count, page.staff.count, page.skipped, page.newest)
  }
}
