import Foundation

/// The templates a clinician can use: the ones in their folder (`$XDG_CONFIG_HOME/clinbox/templates`), over
/// the defaults clinbox ships. A file in the folder with a default's name replaces it.
public struct TemplateLibrary: Sendable {
  public var templates: [Template]

  public init(folders: [URL]) {
    var byID: [String: Template] = [:]
    for folder in folders {
      guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
      for f in files.sorted() where f.hasSuffix(".mustache") {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(f), encoding: .utf8) else { continue }
        let id = String(f.dropLast(".mustache".count))
        byID[id] = Template(id: id, text: text)
      }
    }
    templates = byID.values.sorted { $0.name.lowercased() < $1.name.lowercased() }
  }

  public func template(_ id: String) -> Template? { templates.first { $0.id == id } }
}
