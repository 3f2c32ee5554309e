import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A line typed at the terminal without echo (a passphrase), or read from standard input when it is not a terminal
/// (`--stdin`, scripts, tests). nil at the end of input.
enum SecretPrompt {
  static func read(_ prompt: String, fromStdin: Bool) -> String? {
    if fromStdin { return readLine(strippingNewline: true) }
    let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
    guard tty >= 0 else { return nil }
    defer { close(tty) }
    _ = prompt.withCString { write(tty, $0, strlen($0)) }
    var saved = termios()
    let isTerminal = tcgetattr(tty, &saved) == 0
    if isTerminal {
      var quiet = saved
      quiet.c_lflag &= ~tcflag_t(ECHO)
      tcsetattr(tty, TCSAFLUSH, &quiet)
    }
    defer {
      if isTerminal { tcsetattr(tty, TCSAFLUSH, &saved) }
      _ = write(tty, "\n", 1)
    }
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while true {
      let n = Glibc.read(tty, &byte, 1)
      if n <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
      if byte == 10 || byte == 13 { return String(decoding: bytes, as: UTF8.self) }
      bytes.append(byte)
    }
  }
}
