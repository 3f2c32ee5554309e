import ArgumentParser
import Foundation
import FHIR
import Store
import FHIRMapping

/// `clinbox doctor`: checks the config, the token, `/metadata`, every interaction and search parameter
/// clinbox uses, and the cache; prints what works, what does not, and the fix. Exit 1 when something clinbox
/// needs does not work.
struct DoctorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor", abstract: "Check configuration, connectivity, credentials and the server.")

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  @Flag(help: "Check every page of the cache (SQLite's integrity_check; quick_check otherwise).")
  var deep = false

  final class Report {
    var failed = false
    func ok(_ what: String) { print("✔ \(what)") }
    func warn(_ what: String, fix: String) { print("! \(what)\n    \(fix)") }
    func fail(_ what: String, fix: String) { failed = true; print("✘ \(what)\n    fix: \(fix)") }
  }

  func run() async throws {
    let r = Report()
    let configPath = ConfigFile.defaultPath
    let s: Settings
    do {
      s = try Settings.resolve(server, cache)
      if FileManager.default.fileExists(atPath: ClinicDefaults.path) {
        r.ok("clinic defaults: \(ClinicDefaults.path) — the screen locks after \(Int(s.lockAfter / 60)) min, "
             + "times in \(s.timeZone.identifier)")
      }
      if FileManager.default.fileExists(atPath: configPath) {
        r.ok("config: \(configPath)" + (s.profile.map { ", profile \"\($0)\"" } ?? ""))
      } else {
        r.ok("config: none at \(configPath) (flags and environment only)")
      }
    } catch let e as Failure {
      r.fail("config: \(e.message)", fix: "correct \(configPath)")
      throw ExitCode(1)
    }
    checkCache(s.cachePath, r)
    guard let url = s.server else {
      r.fail("server: none given", fix: "pass --server URL, or set server in a profile")
      throw ExitCode(1)
    }
    let client = FHIRClient(server: url, credentials: s.credentials, timeout: 15, retry: .once)
    switch s.credentials {
    case .clientCredentials(let id, _, let tokenURL):
      do {
        _ = try await client.search("Practitioner", [("_count", "1")])
        r.ok("token: \(tokenURL.absoluteString) accepted client id \(id)")
      } catch let e as FHIRError {
        r.fail("token: \(e)",
               fix: "check the client id and secret, and that the token URL is \(tokenURL.absoluteString) "
                 + "(--token-url)")
      }
    case .bearer: r.ok("auth: bearer token from CLINBOX_TOKEN")
    case .none: r.warn("auth: none", fix: "fine for an open R4 server; Canvas needs --client-id and --client-secret")
    }
    let caps: CapabilityStatement
    do {
      caps = try await client.metadata()
      let software = caps.software?.name.map { ", \($0)" } ?? ""
      r.ok("server: \(url.absoluteString) answers /metadata (FHIR \(caps.fhirVersion ?? "?")\(software))")
    } catch let e as FHIRError where e.isAuthentication {
      // The server was reached and refused who we are: the credentials are wrong, not the URL.
      r.fail("server: \(e)", fix: "check the client id and secret (--client-id, --client-secret or the profile) "
               + "and the token URL (--token-url)")
      throw ExitCode(1)
    } catch {
      r.fail("server: \(error)",
             fix: "check --server (Canvas: https://fumage-<instance>.canvasmedical.com, no /fhir path)")
      throw ExitCode(1)
    }
    // What sync and sending need, then what one feature needs (Canvas-only parameters among them).
    let needs: [(String, [String], [String], Bool)] = [
      ("Communication", ["read", "create", "search-type"], ["patient", "recipient", "sender"], true),
      ("Patient", ["read"], [], true),
      ("Practitioner", ["read", "search-type"], [], true),
      ("Practitioner", [], ["include-non-schedulable-practitioners"], false),
      ("Patient", ["search-type"], ["name"], false),
      ("Questionnaire", ["read", "search-type"], [], false),
      ("QuestionnaireResponse", ["create", "search-type"], ["patient"], false),
      ("Task", ["create", "update", "search-type"], ["owner", "requester"], false),
    ]
    for (type, interactions, params, required) in needs {
      let missingI = interactions.filter { !caps.supports(interaction: $0, on: type) }
      let missingP = params.filter { !caps.supports(search: $0, on: type) }
      if missingI.isEmpty && missingP.isEmpty {
        let searches = params.isEmpty ? "" : "; search by \(params.joined(separator: ", "))"
        r.ok("\(type): \(interactions.joined(separator: ", "))\(searches)")
      } else if required {
        r.fail("\(type): the server does not offer \((missingI + missingP).joined(separator: ", "))",
               fix: "sync and sending need these; ask the server's administrator, "
                 + "or check that this is the FHIR base URL")
      } else {
        r.warn("\(type) (optional): the server does not offer \((missingI + missingP).joined(separator: ", "))",
               fix: Self.without[params.first ?? type] ?? "the features that use \(type) will not work on this server")
      }
    }
    if caps.offersIncrementalCommunication {
      r.ok("sync strategy: incremental (_lastUpdated and _sort on Communication)")
    } else {
      r.ok("sync strategy: re-page to me, from me and opened threads (no _lastUpdated, as on Canvas)")
    }
    if let me = s.practitionerID {
      do {
        let (p, _) = try await client.read(Practitioner.self, "Practitioner", id: me.rawValue)
        r.ok("acting practitioner: \(p.displayName) (\(me.reference))")
      } catch {
        r.fail("acting practitioner \(me.reference): \(error)",
               fix: "use the staff key from Settings → Staff as --as Practitioner/<key>")
      }
    } else {
      r.warn("acting practitioner: none given", fix: "pass --as Practitioner/<id>, or set as in a profile")
    }
    // A mistyped colleague in `cover` would sync an empty inbox without a word: each is looked up.
    for colleague in s.watch.cover {
      do {
        let (p, _) = try await client.read(Practitioner.self, "Practitioner", id: colleague.rawValue)
        r.ok("covering: \(p.displayName) (\(colleague.reference))")
      } catch {
        r.fail("covering \(colleague.reference): \(error)",
               fix: "check the profile's cover list or --cover: Practitioner/<key>")
      }
    }
    await checkCompanion(s, r)
    if r.failed { throw ExitCode(1) }
  }

  /// What an optional missing part costs, in a clinician's words.
  static let without = [
    "include-non-schedulable-practitioners": "the staff picker lists only the staff the server's search gives "
      + "(Canvas's parameter: others are on a non-Canvas server)",
    "name": "c and m list cached patients only",
  ]

  func checkCache(_ path: String, _ r: Report) {
    guard FileManager.default.fileExists(atPath: path) else {
      r.ok("cache: none yet at \(path) (made on the first sync)")
      return
    }
    let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
    if mode & 0o077 != 0 {
      r.fail("cache: \(path) can be read by others (mode \(String(mode, radix: 8)))", fix: "chmod 600 \(path)")
    }
    do {
      let store = try Store(path: path)
      let check = try store.integrityCheck(deep: deep)
      let counts = try store.counts()
      let outbox = try store.outboxCounts()
      if check == "ok" {
        r.ok("cache: \(path), \(counted(counts.messages, "message")), \(outbox.pending) queued, "
               + "\(outbox.failed) failed")
      } else {
        r.fail("cache: \(path) is damaged (\(check))",
               fix: "clinbox repair (keeps the outbox and drafts, syncs the rest again)")
      }
    } catch {
      r.fail("cache: \(error)",
             fix: CacheRepair.isDamage(error) ? "clinbox repair" : "move \(path) aside and sync again")
    }
  }
}
