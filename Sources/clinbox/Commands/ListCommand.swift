import ArgumentParser
import Foundation
import FHIR
import Store
import TerminalUI
import FHIRMapping

/// `clinbox list [--view NAME] [--patient ID] [--search TEXT] [--json | --count]`: the cached messages, newest first.
struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "Print cached messages.",
    discussion: "--json prints one JSON object a line; control and bidi characters are escaped (\\u202e), "
        + "so the output is safe on a terminal.")

  @Option(help: "Which messages: \(InboxView.allCases.map(\.rawValue).joined(separator: ", ")).")
  var view: InboxView = .all

  @Option(help: "Only this patient's messages (the patient id).")
  var patient: String?

  @Option(help: "Only the messages that / finds: words in the text, or a patient's name.")
  var search: String?

  @Flag(help: "One JSON object a line.")
  var json = false

  @Flag(help: "Print how many messages there are, not the messages.")
  var count = false

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  func run() throws {
    let s = try Settings.resolve(server, cache, needsCredentials: false)
    guard FileManager.default.fileExists(atPath: s.cachePath) else {
      throw Failure("no cache at \(s.cachePath): run clinbox sync first")
    }
    let store = try Wiring.openStore(s)
    if let url = s.server { try Wiring.ensureSameServer(store, url) }
    let patient = self.patient.map(PatientID.init(rawValue:))
    if let patient, try store.patient(id: patient) == nil, try store.count(MessageQuery(patientID: patient)) == 0 {
      throw Failure("no patient \(patient) in the cache at \(s.cachePath) (a patient id, as in list --json)")
    }
    // Whose unread and sent messages: --as, else the practitioner of the last sync.
    let me = try s.practitionerID ?? store.syncValue("acting_as").map(StaffID.init(rawValue:))
    // Covering: every covered colleague's inbox, the settings' and those chosen in the inbox.
    let covering = try store.coveredColleagues(adding: s.watch.cover)
    let query = MessageQuery(view: view, me: me, patientID: patient, search: search,
                             covering: covering)
    let now = Date()
    if count {
      print(try store.count(query))
      return
    }
    // The outbox names what has not reached the server first (on stderr: the rows stay one object a line).
    if view == .outbox, case let unsent = try store.unsentWrites(), !unsent.isEmpty {
      FileHandle.standardError.write(Data((UnsentWrite.summary(unsent) + "\n").utf8))
    }
    let out = FileHandle.standardOutput
    var chunk = ""
    // The patients' authorized contacts, read before the rows stream (the cache is not read inside its own read).
    let authorized = json ? try store.authorizedContacts() : [:]
    try store.eachMessage(query) { m in
      chunk += (json ? try jsonLine(m, now: now, contacts: authorized[m.patientID] ?? [])
                     : textLine(m, now: now)) + "\n"
      if chunk.utf8.count > 65_536 {
        out.write(Data(chunk.utf8))
        chunk = ""
      }
    }
    out.write(Data(chunk.utf8))
  }

  /// The screen's clock: local time, and in Awaiting reply when the wait began (the time column the screen shows).
  static let localTime: DateFormatter = {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = .current
    f.dateFormat = "yyyy-MM-dd HH:mm"
    return f
  }()

  func textLine(_ m: Message, now: Date) -> String {
    let sent = (m.waitingSince ?? m.sent).map(Self.localTime.string(from:)) ?? "—"
    let first = m.text.split(separator: "\n").first.map(String.init) ?? ""
    let notes = ListNotes(m, now: now, view: view).text
    let noted = notes.isEmpty ? "" : Sanitizer.line(notes) + "  "
    return "\(m.unread ? "●" : " ") \(sent)  \(Sanitizer.line(m.patientName))  \(Sanitizer.line(m.senderName)) → "
      + "\(Sanitizer.line(m.recipientName))  \(noted)\(Sanitizer.line(first))"
  }

  func jsonLine(_ m: Message, now: Date, contacts: [PatientContact] = []) throws -> String {
    struct Line: Encodable {
      struct Patient: Encodable {
        let id: String; let name: String
        /// Who else may be told (Canvas's contacts authorized for release of information); left out when none.
        let authorizedContacts: [PatientContact]?
        enum CodingKeys: String, CodingKey { case id, name, authorizedContacts = "authorized_contacts" }
      }
      let id: String; let patient: Patient; let sender: String; let recipient: String
      let sent: String?; let text: String; let unread: Bool
      /// Where a patient's message was read: "in clinbox", "in Canvas", or null (unread, or not a patient's).
      let read: String?
      let notes: ListNotes
      enum CodingKeys: String, CodingKey { case id, patient, sender, recipient, sent, text, unread, read }
      func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(patient, forKey: .patient)
        try c.encode(sender, forKey: .sender)
        try c.encode(recipient, forKey: .recipient)
        try c.encodeIfPresent(sent, forKey: .sent)
        try c.encode(text, forKey: .text)
        try c.encode(unread, forKey: .unread)
        try c.encode(read, forKey: .read)
        try notes.encode(to: encoder)
      }
    }
    let line = Line(id: m.id.rawValue, patient: .init(id: m.patientID.rawValue, name: m.patientName,
                                             authorizedContacts: contacts.isEmpty ? nil : contacts),
                    sender: m.from.reference,
                    recipient: m.to?.reference ?? "", sent: m.sent.map(Instant.format), text: m.text, unread: m.unread,
                    read: m.readWhere?.rawValue, notes: ListNotes(m, now: now, view: view))
    return Self.inert(String(decoding: try FHIRJSON.encoder.encode(line), as: UTF8.self))
  }

  /// JSON with every character that could act on a terminal escaped: C0 and C1 controls, DEL, bidi controls
  /// and line separators. They can only stand inside strings, where `\uXXXX` means the same.
  static func inert(_ json: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(json.unicodeScalars.count)
    for u in json.unicodeScalars {
      let v = u.value
      let unsafe = v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069)
          .contains(v)
        || v == 0x200E || v == 0x200F || v == 0x061C || v == 0x2028 || v == 0x2029
      if unsafe { out += String(format: "\\u%04x", v) } else { out.unicodeScalars.append(u) }
    }
    return out
  }
}

extension InboxView: ExpressibleByArgument {}
