import ArgumentParser
import Foundation
import TerminalUI

/// `clinbox themes [NAME]`: the themes there are, or how one resolves (each role's colours on 256- and
/// 8-colour terminals) — and, for a theme with a mistake, the line and what is wrong.
struct ThemesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "themes", abstract: "List themes, or check one.")

  /// Accepted so that one alias with the global options serves every subcommand.
  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  @Argument(help: "A theme to check and show.")
  var name: String?

  func run() throws {
    guard let name else {
      var names = Set<String>()
      let user: String = ((ConfigFile.defaultPath as NSString).deletingLastPathComponent as NSString)
          .appendingPathComponent("themes")
      let dirs: [String] = [ThemeLoader.shipped?.path, user].compactMap { $0 }
      for dir in dirs {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
        for f in files where f.hasSuffix(".toml") { names.insert(String(f.dropLast(5))) }
      }
      for n in names.sorted() { print(n) }
      return
    }
    guard let path = ThemeLoader.path(for: name) else { throw Failure("no theme \"\(name)\"") }
    let theme = try ThemeLoader.parse(String(contentsOfFile: path, encoding: .utf8), name: name, path: path)
    for line in theme.summary { print(line) }
  }
}
