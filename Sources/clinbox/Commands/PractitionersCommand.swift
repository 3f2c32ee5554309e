import ArgumentParser
import Foundation
import FHIR
import InboxApp
import Store
import Sync
import FHIRMapping

/// `clinbox practitioners [--all] [--search TEXT] [--json]`: the staff, refreshed from Practitioner search when a
/// server is configured, else from the cache.
struct PractitionersCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "practitioners",
                                                  abstract: "List staff (to route to, or to act as).")

  @Flag(help: "Also non-schedulable staff (sends include-non-schedulable-practitioners=true).")
  var all = false

  @Option(help: "Only names that match (typo-tolerant, any case and accents).")
  var search: String?

  @Flag(help: "One JSON object a line.")
  var json = false

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  func run() async throws {
    let s = try Settings.resolve(server, cache)
    var staff: [StaffMember]
    if let url = s.server {
      let client = FHIRClient(server: url, credentials: s.credentials)
      var params = [("_count", "100")]
      if all { params.append(("include-non-schedulable-practitioners", "true")) }
      staff = []
      do {
        for try await bundle in client.pages("Practitioner", params) {
          for (p, _) in bundle.decodable(Practitioner.self, named: "Practitioner").resources {
            guard let id = p.id else { continue }
            staff.append(StaffMember(id: StaffID(rawValue: id), name: p.displayName, email: p.email, roles: p.roles,
                                     active: p.active ?? true))
          }
        }
      } catch { throw Failure("\(error)") }
      staff.sort { $0.name < $1.name }
    } else {
      guard FileManager.default.fileExists(atPath: s.cachePath) else { throw Failure("no server given and no cache "
                                                                                     + "at \(s.cachePath)") }
      staff = try Wiring.openStore(s).staffForPicker(includeNonSchedulable: all)
    }
    if let search {
      staff = StaffSearch.filter(staff, search)
      if staff.isEmpty {
        throw Failure("nobody matches \"\(search)\""
                      + (all ? "" : " among schedulable staff: try --all to include everyone"))
      }
    }
    for m in staff {
      if json {
        struct Line: Encodable { let id, reference, name: String; let email: String?; let roles: [String] }
        let line = Line(id: m.id.rawValue, reference: m.reference, name: m.name, email: m.email, roles: m.roles)
        print(String(decoding: try FHIRJSON.encoder.encode(line), as: UTF8.self))
      } else {
        print("\(m.reference)  \(m.name)  \(m.roles.joined(separator: ","))  \(m.email ?? "")")
      }
    }
  }
}
