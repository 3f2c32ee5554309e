import Foundation

/// Where clinbox's files live: the XDG folders, under `$HOME` as the shell has it (Foundation's
/// `NSHomeDirectory()` on Linux reads the password database and ignores `$HOME`).
enum Paths {
  static var home: String {
    ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
  }

  /// `$XDG_DATA_HOME`, else `~/.local/share`.
  static var dataHome: String { xdg("XDG_DATA_HOME", default: ".local/share") }

  /// `$XDG_CONFIG_HOME`, else `~/.config`.
  static var configHome: String { xdg("XDG_CONFIG_HOME", default: ".config") }

  /// `~/x` → `$HOME/x`; anything else as written.
  static func expand(_ path: String) -> String {
    if path == "~" { return home }
    if path.hasPrefix("~/") { return (home as NSString).appendingPathComponent(String(path.dropFirst(2))) }
    return path
  }

  private static func xdg(_ name: String, default relative: String) -> String {
    ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
      ?? (home as NSString).appendingPathComponent(relative)
  }
}
