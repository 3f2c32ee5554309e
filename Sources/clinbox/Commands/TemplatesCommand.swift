import ArgumentParser
import Foundation
import Templates

/// `clinbox templates`: the templates there are, with their descriptions.
struct TemplatesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "templates", abstract: "List message templates.")

  /// Accepted so that one alias with the global options serves every subcommand.
  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  func run() throws {
    for t in Compose.library.templates {
      print("\(t.id)  —  \(t.name)\(t.description.isEmpty ? "" : ": \(t.description)")")
    }
  }
}
