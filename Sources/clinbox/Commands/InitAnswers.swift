import Foundation
import FHIR
import FHIRMapping
import Clinic
#if canImport(Glibc)
import Glibc
#endif

/// What `clinbox init` asks, each from its flag, else from the profile being edited, else at the terminal — and
/// checked against the server before anything is written.
struct InitAnswers {
  var server: URL
  var clientID: String
  /// How the secret is kept: the name of the variable it is in, or a command that prints it; never the secret.
  var secretEnv: String?
  var secretCommand: String?
  var practitioner: StaffID
  var practitionerName: String
  var syncInterval: Int

  /// A question at the terminal with a default (Enter keeps it); nil when there is no terminal to ask at.
  static func ask(_ question: String, default value: String?) -> String? {
    guard isatty(STDIN_FILENO) == 1 else { return value }
    let shown = value.map { " [\($0)]" } ?? ""
    FileHandle.standardError.write(Data("\(question)\(shown): ".utf8))
    guard let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) else { return value }
    return line.isEmpty ? value : line
  }

  /// The answer, or a failure naming the flag that gives it when nobody can be asked.
  static func required(_ answer: String?, _ flag: String, _ what: String) throws -> String {
    guard let answer, !answer.isEmpty else {
      throw Failure("\(what) is needed: give \(flag) (or run clinbox init at a terminal)")
    }
    return answer
  }

  /// A secret kept in a file: the command that reads it (`cat '<path>'`), once the file is found readable by its
  /// owner only — a secret others can read is theirs too.
  static func readingFile(_ path: String) throws -> String {
    let full = Paths.expand(path)
    var st = stat()
    guard stat(full, &st) == 0 else { throw Failure("no secret file at \(full)") }
    guard st.st_mode & 0o077 == 0 else {
      throw Failure("\(full) can be read by others: run chmod 600 \(full), then clinbox init again")
    }
    return "cat '" + full.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// The secret, read now from where the profile will say it is, to check it; never shown.
  func secret() throws -> String {
    if let name = secretEnv {
      guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
        throw Failure("the secret's variable \(name) is not set here: export it, then run clinbox init again")
      }
      return value
    }
    guard let command = secretCommand else {
      throw Failure("where the secret is kept is needed: --secret-env NAME or --secret-command 'pass show canvas'")
    }
    return try outputOfCommand(command)
  }

  /// The client credentials, the secret read once (a command such as `pass` may ask for a passphrase each time).
  func credentials() throws -> Credentials {
    .clientCredentials(id: clientID, secret: try secret(), tokenURL: Credentials.defaultTokenURL(for: server))
  }

  /// The server answers FHIR at `server`, takes the client and knows the practitioner; their name, or why not.
  func check(_ credentials: Credentials) async throws -> String {
    let client = FHIRClient(server: server, credentials: .none, timeout: 15, retry: .once)
    do { _ = try await client.metadata() } catch {
      throw Failure("no FHIR server answers at \(server.absoluteString) (\(error)): check the URL; Canvas's is "
                      + "https://fumage-<instance>.canvasmedical.com")
    }
    let signed = FHIRClient(server: server, credentials: credentials, timeout: 15, retry: .once)
    do {
      let (p, raw) = try await signed.read(Practitioner.self, "Practitioner", id: practitioner.rawValue)
      return SyncedStaff(p, raw: raw)?.member.name ?? practitioner.rawValue
    } catch FHIRError.notFound {
      throw Failure("the server has no Practitioner/\(practitioner.rawValue): clinbox practitioners --all lists the "
                      + "staff, or leave --as out to choose at the terminal")
    } catch let e as FHIRError where e.isAuthentication {
      throw Failure("the server refused client \(clientID) and its secret (\(e)): check both")
    }
  }
}
