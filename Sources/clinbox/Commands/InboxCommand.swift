import ArgumentParser
import Foundation
import Store

/// `clinbox [--server URL --as Practitioner/<id>] [--cache PATH]`: sync if a server is given, then the inbox.
struct InboxCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "inbox", abstract: "Open the inbox (the default).")

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  func run() async throws {
    let url = try server.serverURL()
    var practitioner = try server.practitionerID()
    if url != nil && practitioner == nil {
      throw ValidationError("--server needs --as Practitioner/<id>: the practitioner whose inbox to open")
    }
    if url == nil && !FileManager.default.fileExists(atPath: cache.path) {
      throw Failure("nothing is cached yet at \(cache.path): run clinbox --server URL --as Practitioner/<id>, or clinbox demo")
    }
    let store = try Wiring.openStore(cache.path)
    var notice: String?
    if let url, let practitioner {
      do {
        try await Wiring.sync(server: url, credentials: try server.credentials(for: url), practitionerID: practitioner, store: store)
      } catch let e as Failure {
        // The cache still reads offline: open it and say why it is not fresh.
        notice = e.message
        FileHandle.standardError.write(Data("clinbox: \(e.message) — opening the cache offline\n".utf8))
      }
    } else {
      practitioner = try store.syncValue("acting_as")
      if try store.lastSync() == nil {
        throw Failure("nothing is cached yet at \(store.path): run clinbox --server URL --as Practitioner/<id>, or clinbox demo")
      }
    }
    let cachedServer = try store.syncValue("server").flatMap(URL.init(string:))
    let label = InboxLauncher.label(url ?? cachedServer)
    try InboxLauncher.open(store: store, serverLabel: label, practitionerID: practitioner, notice: notice)
  }
}
