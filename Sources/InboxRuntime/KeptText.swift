import Foundation
import InboxApp
import Store

/// Words a clinician typed that the cache could not take (a full disk, a read-only cache): never dropped. The
/// compose pane comes back with them, and a copy goes to a file of the user's own under `$XDG_RUNTIME_DIR` (0600,
/// in a 0700 folder; that folder lives in memory and is the user's alone) where one can be written, so that
/// quitting or a crash does not lose them either.
enum KeptText {
  /// The file the words were kept in, or nil where none could be written.
  static func keep(_ text: String, patientID: String, at now: Date) -> String? {
    guard let runtime = ProcessInfo.processInfo.environment["XDG_RUNTIME_DIR"], !runtime.isEmpty else { return nil }
    let folder = (runtime as NSString).appendingPathComponent("clinbox")
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                             attributes: [.posixPermissions: 0o700])
    let file = (folder as NSString).appendingPathComponent("unsaved-\(Int(now.timeIntervalSince1970))-\(patientID).txt")
    let fd = open(file, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    return write(fd, bytes, bytes.count) == bytes.count ? file : nil
  }
}

extension StoreEffects {
  /// A message the cache could not queue: the compose pane again with its words, and why, and where they are kept.
  func notQueued(_ patientID: String, _ text: String, draftID: String?, because error: Error,
                 _ state: AppState) -> [Action] {
    let why = CacheTrouble.words(for: error, cache: store.path) ?? "\(error)"
    let file = KeptText.keep(text, patientID: patientID, at: state.now)
    let kept = "not sent: \(why). The text stays here" + (file.map { " and in \($0)" } ?? "")
    guard case .composeStarted(let p, let name, _, _, _, let values, let back, let thread)?
            = try? composeStarted(patientID, returnTo: .thread, state) else {
      return [.noticeShown(kept)]
    }
    return [.composeStarted(patientID: p, patientName: name, draftID: draftID, text: text, cursor: text.count,
                            values: values, returnTo: back, thread: thread), .noticeShown(kept)]
  }
}
