import Foundation

/// The files clinbox ships beside its binary (themes, templates, its version): found wherever the binary is —
/// SwiftPM's resource folder beside it (a build), `../share/clinbox` (an installation: `scripts/install`, the Debian
/// package), or the source tree a development build came from. Never `Bundle.module`, whose accessor stops the
/// process when the build folder it remembers is gone (a binary copied onto the PATH).
enum ShippedFiles {
  /// The folder holding `name` (`themes`, `templates`), or nil.
  static func folder(_ name: String) -> URL? {
    let candidates = [
      exe.appendingPathComponent("clinbox_clinbox.resources/\(name)"),
      exe.deletingLastPathComponent().appendingPathComponent("share/clinbox/\(name)"),
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(name),
    ]
    return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
  }

  /// The binary's folder, resolved once (each template and theme lookup asks).
  private static let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()

  /// `0.9.0 (3466892)` as the packaging wrote it beside the binary (`share/clinbox/VERSION`), else `dev`: a plain
  /// build knows no release.
  static let version: String = {
    guard let dir = folder("VERSION"),
          let text = try? String(contentsOf: dir, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
          !text.isEmpty else { return "dev" }
    return text
  }()
}
