import Clinic
import Foundation
import InboxApp
import Store

/// Words a clinician typed that the cache could not take (a full disk, a read-only cache): never dropped. The
/// compose pane keeps them, and a copy goes to a file of the user's own under `$XDG_RUNTIME_DIR` (0600, in a 0700
/// folder; that folder lives in memory and is the user's alone) where one can be written, so that quitting, a
/// closed terminal or a crash does not lose them either: one file a patient, removed once the cache has the words,
/// and taken into the cache as a draft at the next start if it is still there.
public enum KeptText {
  static var folder: String? {
    guard let runtime = ProcessInfo.processInfo.environment["XDG_RUNTIME_DIR"], !runtime.isEmpty else { return nil }
    return (runtime as NSString).appendingPathComponent("clinbox")
  }

  /// The file for a patient's words (ids are letters, digits and dashes; anything else is left out of the name).
  static func file(patientID: PatientID) -> String? {
    let safe = String(patientID.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" })
    return folder.map { ($0 as NSString).appendingPathComponent("unsaved-\(safe).txt") }
  }

  /// The file the words were kept in, or nil where none could be written.
  static func keep(_ text: String, patientID: PatientID) -> String? {
    guard let folder, let file = file(patientID: patientID) else { return nil }
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                             attributes: [.posixPermissions: 0o700])
    let fd = open(file, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    return write(fd, bytes, bytes.count) == bytes.count ? file : nil
  }

  /// The cache has a patient's words: their copy goes.
  static func forget(patientID: PatientID) {
    if let file = file(patientID: patientID) { unlink(file) }
  }

  /// Words kept by an earlier clinbox that ended before the cache could take them: patient id, text, file.
  static func left() -> [(patientID: PatientID, text: String, file: String)] {
    guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
    return names.sorted().compactMap { name in
      guard name.hasPrefix("unsaved-"), name.hasSuffix(".txt") else { return nil }
      let file = (folder as NSString).appendingPathComponent(name)
      guard let text = try? String(contentsOfFile: file, encoding: .utf8), !text.isEmpty else { return nil }
      return (PatientID(rawValue: String(name.dropFirst("unsaved-".count).dropLast(".txt".count))), text, file)
    }
  }

  /// Words an earlier clinbox kept and ended before the cache took them (a closed terminal, a quit answered
  /// yes): waiting again, each to replace its patient's newest draft at the first tick.
  public static func leftBefore(_ store: Store) -> [UnsavedText] {
    left().map { kept in
      let patient = try? store.patient(id: kept.patientID)
      let name = patient?.displayName ?? PersonName.patient(given: nil, family: nil, id: kept.patientID)
      return UnsavedText(patientID: kept.patientID, patientName: name,
                         draftID: (try? store.draft(forPatient: kept.patientID))?.id, text: kept.text,
                         cursor: kept.text.count, file: kept.file)
    }
  }
}

/// A step the cache did not take (a reply it could not queue): what to show instead, and nothing audited.
struct NotTaken: Error {
  let actions: [Action]
}

extension StoreEffects {
  /// Why the cache did not take a write, in words: the reason it only reads, or the error's plain words.
  func why(_ error: Error) -> String {
    if CacheRepair.isDamage(error) { CacheRepair.markDamaged(store.path) }
    return store.readOnlyCause ?? CacheTrouble.cause(for: error, cache: store.path) ?? "the cache could not take it"
  }

  /// A step the cache could not take, said plainly: "not saved — reading only: disk full: 0 bytes free on …".
  func refused(_ error: Error, _ step: String) -> String {
    (store.readOnly != nil ? "\(step) — reading only: " : "\(step): ") + why(error)
  }

  /// A draft the cache could not take: its words kept outside it, and the compose pane told.
  func notSaved(_ patientID: PatientID, _ text: String, because error: Error) -> [Action] {
    [.draftNotSaved(patientID: patientID, why: why(error), file: KeptText.keep(text, patientID: patientID))]
  }

  /// A message the cache could not queue: the compose pane again with its words, and why, and where they are kept.
  func notQueued(_ patientID: PatientID, _ text: String, draftID: String?, because error: Error,
                 _ request: Request) -> [Action] {
    let reason = why(error)
    let file = KeptText.keep(text, patientID: patientID)
    let kept = "not sent: \(reason) — kept here" + (file.map { " and in \($0)" } ?? "")
    guard case .composeStarted(let p, let name, _, _, _, let values, let back, let thread)?
            = try? composeStarted(patientID, returnTo: .thread, request) else {
      return [.noticeShown(kept)]
    }
    return [.composeStarted(patientID: p, patientName: name, draftID: draftID, text: text, cursor: text.count,
                            values: values, returnTo: back, thread: thread),
            .draftNotSaved(patientID: patientID, why: reason, file: file), .noticeShown(kept)]
  }

  /// Asks the cache again to take what it could not: it writes again (if it only read), then each text is saved
  /// as a draft. Quiet while it still cannot.
  func saveUnsaved(_ texts: [UnsavedText], wasReadingOnly wasReading: Bool, _ request: Request) -> [Action] {
    // The background sync may have found the cache writable first: the screen's own word counts.
    guard store.writableAgain() else { return [] }
    if wasReading {
      watchAgain()
      openOwnTrail()
    }
    try? flushAudit()
    var saved: [UnsavedText] = []
    if let me = request.clinician {
      for var t in texts {
        guard let id = try? store.saveDraft(id: t.draftID, patientID: t.patientID, from: me, text: t.text,
                                            cursor: t.cursor, at: request.at) else { continue }
        KeptText.forget(patientID: t.patientID)
        t.draftID = id
        saved.append(t)
      }
    }
    return (wasReading ? [.cacheWritable] : []) + (saved.isEmpty ? [] : [.unsavedSaved(saved)])
  }
}
