import Foundation
import Logging

/// The optional log (`--log FILE`): one line an event, appended to a file only its owner can read. Without the
/// flag every logger is silent — swift-log's default would print to the terminal the inbox draws on.
struct FileLogHandler: LogHandler {
  let label: String
  let file: FileHandle
  var logLevel: Logger.Level = .info
  var metadata: Logger.Metadata = [:]

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
           file _: String, function: String, line: UInt) {
    let all = metadata.merging(extra ?? [:]) { $1 }
    let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    let stamp = ISO8601DateFormatter().string(from: Date())
    file.write(Data("\(stamp) \(level) \(label): \(message)\(fields.isEmpty ? "" : " " + fields)\n".utf8))
  }
}

enum FileLog {
  /// Sets up logging from the command line: to the file after `--log`, else nowhere. Runs before any command.
  static func start(_ arguments: [String]) {
    guard let i = arguments.firstIndex(of: "--log"), i + 1 < arguments.count else {
      LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
      return
    }
    let path = Paths.expand(arguments[i + 1])
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      FileHandle.standardError.write(Data("clinbox: cannot write the log to \(path)\n".utf8))
      exit(1)
    }
    _ = fchmod(fd, 0o600)
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    LoggingSystem.bootstrap { label in FileLogHandler(label: label, file: handle) }
  }
}
