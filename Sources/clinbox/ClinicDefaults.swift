import Foundation
import TOMLKit

/// `/etc/clinbox/config.toml`: the clinic's own defaults, set by its IT beneath every user's config. The same keys as
/// a user's file (a profile's server and companion, the theme …), merged key by key with the user's own winning,
/// and two a user cannot loosen: `lock_after` is the most minutes a screen may stay unlocked (a user may set fewer,
/// not more, and not 0), and `time_zone` is the clinic's (a jump host runs UTC; "due tomorrow" is the clinic's
/// tomorrow). `CLINBOX_SYSTEM_CONFIG` names another file (tests, a second clinic on one host).
enum ClinicDefaults {
  static var path: String {
    ProcessInfo.processInfo.environment["CLINBOX_SYSTEM_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "/etc/clinbox/config.toml"
  }

  /// The clinic's file, checked as a user's is (its syntax, its keys), or nil when there is none.
  static func table() throws -> TOMLTable? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    _ = try ConfigFile.load(path)   // its errors named with its own path
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    return try TOMLTable(string: text)
  }

  /// `user` over `clinic`: a key in both takes the user's value, and tables in both are merged the same way.
  static func merge(_ clinic: TOMLTable, under user: TOMLTable) -> TOMLTable {
    let merged = TOMLTable()
    for key in clinic.keys { merged[key] = clinic[key] }
    for key in user.keys {
      if let mine = user[key]?.table, let theirs = clinic[key]?.table {
        merged[key] = merge(theirs, under: mine)
      } else {
        merged[key] = user[key]
      }
    }
    return merged
  }

  /// The minutes before the screen locks: the user's (or 10), never more than the clinic's most, and never "never"
  /// when the clinic set one.
  static func lockAfter(user: Double?, clinic: Double?) -> Double {
    let wanted = max(0, user ?? clinic ?? 10)
    guard let most = clinic, most > 0 else { return wanted }
    return wanted == 0 ? most : min(wanted, most)
  }
}
