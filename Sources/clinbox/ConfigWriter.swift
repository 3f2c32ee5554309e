import Foundation
import InboxApp
import Clinic

/// The few things clinbox writes into the clinician's config: a search kept with `S`, appended as a
/// `[[searches]]` table (the rest of the file as it was; readable by its owner only when clinbox creates it).
enum ConfigWriter {
  /// Nil when written; else what went wrong.
  static func append(_ search: SavedSearch, to path: String = ConfigFile.defaultPath) -> String? {
    let table = "\n[[searches]]\nname = \(quoted(search.name))\nquery = \(quoted(search.text))\n"
      + "view = \(quoted(search.view.rawValue))\n"
    let fm = FileManager.default
    do {
      try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                             attributes: [.posixPermissions: 0o700])
      if !fm.fileExists(atPath: path) {
        guard fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
          return "cannot create \(path)"
        }
      }
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      try handle.seekToEnd()
      try handle.write(contentsOf: Data(table.utf8))
      return nil
    } catch {
      return "\(error)"
    }
  }

  /// A TOML basic string: quotes, backslashes and control characters escaped.
  static func quoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 || u.value == 0x7F { out += String(format: "\\u%04X",
                                                             u.value) } else { out.unicodeScalars.append(u) }
      }
    }
    return out + "\""
  }
}
