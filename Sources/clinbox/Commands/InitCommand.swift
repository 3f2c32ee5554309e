import ArgumentParser
import Foundation
import FHIR
import TOMLKit
import Clinic
import FHIRMapping
import InboxRuntime
import TerminalUI

/// `clinbox init`: from nothing to a working profile. Each answer from its flag (so IT can script it for thirty
/// clinicians), else from the profile being edited, else asked at the terminal; every answer is checked against
/// the server before anything is written; then the profile is written (0600), the passphrase chosen, and `doctor`
/// run. The passphrase is never a flag: a shared host's `ps` would show it.
struct InitCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init", abstract: "Set up (or edit) a profile: the server, the secret, who you act as.")

  @Option(help: "The profile to write or edit (default: clinic, or the config's default).")
  var profile: String?
  @Option(help: "The FHIR server's base URL (Canvas: https://fumage-<instance>.canvasmedical.com).")
  var server: String?
  @Option(name: .customLong("client-id"), help: "The OAuth2 client id.")
  var clientID: String?
  @Option(help: "The environment variable the client secret is in (the secret is never written).")
  var secretEnv: String?
  @Option(help: "A command that prints the client secret (like 'pass show canvas').")
  var secretCommand: String?
  @Option(help: "A file holding the client secret, readable by its owner only (chmod 600).")
  var secretFile: String?
  @Option(name: .customLong("as"), help: "The practitioner you act as: Practitioner/<id> (else chosen from the staff).")
  var actingAs: String?
  @Option(help: "Seconds between syncs (default 60).")
  var syncInterval: Int?
  @Flag(help: "Read the idle lock's passphrase from standard input (else asked at the terminal, or at first open).")
  var passphraseStdin = false
  @Flag(help: "Do not run doctor after writing.")
  var noDoctor = false

  func run() async throws {
    let path = ConfigFile.defaultPath
    let existing = try ConfigFile.load(path)
    let name = profile ?? existing?.default ?? "clinic"
    let before = existing?.profiles?[name]
    let serverText = try InitAnswers.required(server ?? InitAnswers.ask("FHIR server URL", default: before?.server),
                                              "--server URL", "the server")
    guard let url = try Settings.parseServer(serverText) else { throw Failure("the server is needed") }
    let id = try InitAnswers.required(clientID ?? InitAnswers.ask("Client id", default: before?.clientID),
                                      "--client-id ID", "the client id")
    var env = secretEnv ?? (secretCommand == nil && secretFile == nil ? before?.clientSecretEnv : nil)
    let command = try secretFile.map(InitAnswers.readingFile) ?? secretCommand
      ?? (secretEnv == nil ? before?.clientSecretCommand : nil)
    if env == nil && command == nil {
      env = InitAnswers.ask("The environment variable the client secret is in", default: "CANVAS_CLIENT_SECRET")
    }
    var answers = InitAnswers(server: url, clientID: id, secretEnv: env, secretCommand: command,
                              practitioner: "", practitionerName: "",
                              syncInterval: syncInterval ?? before?.syncInterval ?? 60)
    guard answers.syncInterval >= 5 else { throw ValidationError("--sync-interval is 5 seconds or more") }
    var who = actingAs ?? before?.actingAs
    let credentials = try answers.credentials()
    if who == nil { who = try await chooseAtTerminal(answers, credentials) }
    guard let practitioner = try Settings.parsePractitioner(who) else { throw Failure("who you act as is needed") }
    answers.practitioner = practitioner
    answers.practitionerName = try await answers.check(credentials)
    try write(answers, profile: name, to: path)
    print("profile \"\(name)\" written to \(path): \(url.absoluteString), acting as \(answers.practitionerName)")
    let s = try Settings.resolve(try ServerOptions.parse(["--profile", name]), try CacheOptions.parse([]))
    let store = try Wiring.openStore(s)
    if passphraseStdin || isatty(STDIN_FILENO) == 1, !Passphrase.isChosen(in: store) {
      try PassphraseCommand.choose(in: store, fromStdin: passphraseStdin)
    }
    if !noDoctor {
      var doctor = try DoctorCommand.parse(["--profile", name])
      try await doctor.run()
    }
  }

  /// The staff, numbered, and the one typed; nil without a terminal.
  func chooseAtTerminal(_ answers: InitAnswers, _ credentials: Credentials) async throws -> String? {
    guard isatty(STDIN_FILENO) == 1 else {
      throw Failure("who you act as is needed: give --as Practitioner/<id> (clinbox practitioners --all lists them)")
    }
    let client = FHIRClient(server: answers.server, credentials: credentials, timeout: 15, retry: .once)
    let bundle = try await client.search("Practitioner", [("_count", "100"),
                                                          ("include-non-schedulable-practitioners", "true")])
    let staff = bundle.decodable(Practitioner.self, named: "Practitioner").resources
      .compactMap { p in SyncedStaff(p.0, raw: p.1).map { ($0.member.id.rawValue, $0.member.name) } }
    for (n, member) in staff.enumerated() {
      FileHandle.standardError.write(Data("  \(n + 1)  \(Sanitizer.line(member.1))\n".utf8))
    }
    guard let typed = InitAnswers.ask("Who you act as (a number)", default: nil), let n = Int(typed),
          staff.indices.contains(n - 1) else { throw Failure("no practitioner chosen: nothing written") }
    return "Practitioner/\(staff[n - 1].0)"
  }

  /// The profile's keys set in the config file (the rest of it kept), readable by its owner only.
  func write(_ a: InitAnswers, profile name: String, to path: String) throws {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    let table = try TOMLTable(string: text)
    if table["default"] == nil { table["default"] = name }
    let profiles = table["profiles"]?.table ?? TOMLTable()
    let p = profiles[name]?.table ?? TOMLTable()
    p["server"] = a.server.absoluteString
    p["client_id"] = a.clientID
    p["as"] = "Practitioner/\(a.practitioner.rawValue)"
    p["sync_interval"] = a.syncInterval
    for key in ["client_secret", "client_secret_env", "client_secret_command"] { p.remove(at: key) }
    if let env = a.secretEnv { p["client_secret_env"] = env }
    if let command = a.secretCommand { p["client_secret_command"] = command }
    profiles[name] = p
    table["profiles"] = profiles
    let dir = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                            attributes: [.posixPermissions: 0o700])
    let temporary = path + ".init"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(table.convert().utf8),
                                         attributes: [.posixPermissions: 0o600]) else {
      throw Failure("cannot write \(path)")
    }
    guard rename(temporary, path) == 0 else {
      throw Failure("cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }
}
