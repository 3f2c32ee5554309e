import Foundation
import InboxApp
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-E: the message in the clinician's own editor ($VISUAL, else $EDITOR, else vi), through a file only its
/// owner can read, removed afterwards.
enum ExternalEditor {
  static func edit(_ text: String, terminal: Terminal) -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("clinbox-message-\(UUID().uuidString).txt").path
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8),
                                         attributes: [.posixPermissions: 0o600]) else { return text }
    defer { try? FileManager.default.removeItem(atPath: path) }
    let env = ProcessInfo.processInfo.environment
    let editor = env["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["EDITOR"].flatMap { $0.isEmpty ? nil : $0 }
        ?? "vi"
    terminal.suspend {
      var pid: pid_t = 0
      // The editor command may carry arguments ("code -w"): the shell splits it; the path is passed as $1.
      let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup("\(editor) \"$1\""),
                                                  strdup("sh"), strdup(path), nil]
      defer { argv.forEach { free($0) } }
      if posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
      }
    }
    guard let edited = try? String(contentsOfFile: path, encoding: .utf8) else { return text }
    // Editors end files with a newline; the message does not need it.
    return edited.hasSuffix("\n") ? String(edited.dropLast()) : edited
  }
}
