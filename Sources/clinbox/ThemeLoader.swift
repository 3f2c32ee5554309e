import Foundation
import TOMLKit
import TerminalUI

/// Finds and reads themes: `$XDG_CONFIG_HOME/clinbox/themes/NAME.toml` first, then the ones clinbox ships
/// (`themes/`). A theme with an error is reported with its line, and the default is used instead.
enum ThemeLoader {
  struct StyleSpec: Decodable {
    var fg: String?
    var bg: String?
    var bold: Bool?
    var dim: Bool?
    var reverse: Bool?
    var underline: Bool?
  }

  static var shipped: URL? { ShippedFiles.folder("themes") }

  static func path(for name: String) -> String? {
    let user = ((ConfigFile.defaultPath as NSString).deletingLastPathComponent as NSString)
      .appendingPathComponent("themes/\(name).toml")
    if FileManager.default.fileExists(atPath: user) { return user }
    if let dir = shipped?.appendingPathComponent("\(name).toml")
        .path, FileManager.default.fileExists(atPath: dir) { return dir }
    return nil
  }

  /// The theme called `name`; on any problem, the default theme and a line saying what was wrong.
  static func load(_ name: String?) -> (Theme, String?) {
    let name = name ?? "default"
    guard let path = path(for: name) else {
      return (Theme.fallback, "no theme \"\(name)\" — using the default theme")
    }
    do { return (try parse(String(contentsOfFile: path, encoding: .utf8), name: name, path: path), nil) }
    catch let e as Failure { return (Theme.fallback, "\(e.message) — using the default theme") }
    catch { return (Theme.fallback, "theme \(path): \(error) — using the default theme") }
  }

  static func parse(_ text: String, name: String, path: String) throws -> Theme {
    let table: [String: StyleSpec]
    do { table = try TOMLDecoder().decode([String: StyleSpec].self, from: text) }
    catch let e as TOMLParseError { throw Failure("\(path):\(e.source.begin.line): \(e.description)") }
    catch let e as DecodingError { throw Failure("\(path): \(ConfigFile.describe(e))") }
    var styles: [Role: Theme.Style] = [:]
    for (roleName, spec) in table {
      let line = lineNumber(of: "[\(roleName)]", in: text)
      guard let role = Role(rawValue: roleName) else {
        let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
        throw Failure("\(path):\(line): no role \"\(roleName)\" (roles: \(roles))")
      }
      func color(_ s: String?) throws -> Theme.Color {
        guard let s else { return .default }
        guard let c = Theme.Color.parse(s) else {
          throw Failure("\(path):\(line): \"\(s)\" is not a colour (try red, bright-blue, color123, #1f5fbf)")
        }
        return c
      }
      styles[role] = Theme.Style(fg: try color(spec.fg), bg: try color(spec.bg), bold: spec.bold ?? false,
                                 dim: spec.dim ?? false,
                                 reverse: spec.reverse ?? false, underline: spec.underline ?? false)
    }
    return Theme(name: name, styles: styles)
  }

  static func lineNumber(of needle: String, in text: String) -> Int {
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where line.trimmingCharacters(in: .whitespaces).hasPrefix(needle) { return i + 1 }
    return 1
  }
}
