import Foundation

/// The lexicon files shipped with clinbox (`Sources/Clinic/Lexicon/`), read once. They are found beside the binary
/// (SwiftPM's resource folder), under `../share/clinbox`, or in the source tree a development build came from.
/// Without them clinbox would flag nothing, silently: `problem` says so, and the cache refuses to open.
enum ShippedLexicon {
  static let files = ["concepts-en.txt", "concepts-es.txt"]
  static let contextFiles = ["context-en.txt", "context-es.txt"]

  static let concepts = Lexicon(read(files))
  static let context = ContextRules(read(contextFiles))

  /// Why the shipped lexicon could not be read, or nil.
  static var problem: String? {
    folder == nil ? "clinbox's red-flag lexicon (Lexicon/\(files[0])) is not beside the binary: reinstall clinbox"
      : nil
  }

  static let folder: URL? = {
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    let candidates = [
      Bundle.main.bundleURL.appendingPathComponent("clinbox_Clinic.resources/Lexicon"),
      exe.appendingPathComponent("clinbox_Clinic.resources/Lexicon"),
      exe.deletingLastPathComponent().appendingPathComponent("share/clinbox/Lexicon"),
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Lexicon"),
    ]
    return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(files[0]).path) }
  }()

  static func read(_ names: [String]) -> String {
    guard let folder else { return "" }
    return names.compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
      .joined(separator: "\n")
  }
}

extension RedFlags {
  /// Why the shipped lexicon is missing, or nil: the cache will not open without it.
  public static var shippedProblem: String? { ShippedLexicon.problem }
}
