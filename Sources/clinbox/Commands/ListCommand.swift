import ArgumentParser
import Foundation
import FHIR
import Store
import TerminalUI

/// `clinbox list [--view all|unread|sent] [--patient ID] [--json]`: the cached messages, newest first.
struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "Print cached messages.")

  @Option(help: "Which messages: \(InboxView.allCases.map(\.rawValue).joined(separator: ", ")).")
  var view: InboxView = .all

  @Option(help: "Only this patient's messages (the patient id).")
  var patient: String?

  @Flag(help: "One JSON object a line.")
  var json = false

  @Option(name: [.customLong("as")], help: "Whose unread and sent messages (default: the practitioner of the last sync).")
  var actingAs: String?

  @OptionGroup var cache: CacheOptions

  @Option(help: "The profile of the config file whose cache to read.")
  var profile: String?

  func run() throws {
    let options = try ServerOptions.parse(profile.map { ["--profile", $0] } ?? [])
    let path = try Settings.resolve(options, cache).cachePath
    guard FileManager.default.fileExists(atPath: path) else {
      throw Failure("no cache at \(path): run clinbox sync first")
    }
    let store = try Wiring.openStore(path)
    let stored = try store.syncValue("acting_as")
    let me = actingAs.map { $0.hasPrefix("Practitioner/") ? String($0.dropFirst(13)) : $0 } ?? stored
    let query = MessageQuery(view: view, me: me.map { "Practitioner/\($0)" }, patientID: patient)
    let out = FileHandle.standardOutput
    var offset = 0
    let pageSize = 500
    while true {
      let page = try store.messages(query, offset: offset, limit: pageSize)
      var chunk = ""
      for m in page {
        chunk += (json ? try jsonLine(m, store: store) : textLine(m)) + "\n"
      }
      out.write(Data(chunk.utf8))
      if page.count < pageSize { break }
      offset += pageSize
    }
  }

  func textLine(_ m: Message) -> String {
    let sent = m.sent.map { Instant.format($0).prefix(16).replacingOccurrences(of: "T", with: " ") } ?? "—"
    let first = m.text.split(separator: "\n").first.map(String.init) ?? ""
    return "\(m.unread ? "●" : " ") \(sent)  \(Sanitizer.line(m.patientName))  \(Sanitizer.line(m.senderName)) → \(Sanitizer.line(m.recipientName))  \(Sanitizer.line(first))"
  }

  func jsonLine(_ m: Message, store: Store) throws -> String {
    struct Line: Encodable {
      struct Patient: Encodable { let id: String; let name: String }
      let id: String; let patient: Patient; let sender: String; let recipient: String
      let sent: String?; let text: String; let unread: Bool
    }
    // Rows carry a prefix of long texts; JSON carries the whole text.
    let text = try store.messageText(id: m.id) ?? m.text
    let line = Line(id: m.id, patient: .init(id: m.patientID, name: m.patientName), sender: m.sender, recipient: m.recipient,
                    sent: m.sent.map(Instant.format), text: text, unread: m.unread)
    return String(decoding: try FHIRJSON.encoder.encode(line), as: UTF8.self)
  }
}

extension InboxView: ExpressibleByArgument {}
