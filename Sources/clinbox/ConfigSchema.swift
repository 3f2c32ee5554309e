import Foundation
import TOMLKit
#if canImport(Glibc)
import Glibc
#endif

/// The keys a config file may hold; anything else is a typo to report, not to ignore.
enum ConfigSchema {
  static let top: Set<String> = ["default", "profiles", "keys", "mouse", "theme", "searches", "thresholds", "checkins",
                                 "record_prefix",
                                 "lock_after", "awaiting_warn", "awaiting_alarm", "red_flags", "red_flag_files", "bell",
                                 "notify", "title", "notify_names", "notify_views", "time_zone"]
  static let profile: Set<String> = ["server", "token_url", "client_id", "client_secret", "client_secret_env",
                                     "client_secret_command", "as", "sync_interval", "theme", "cache", "auth",
                                     "practice", "webhook", "cover", "ca_file", "companion"]
  static let practice: Set<String> = ["name", "phone"]
  static let webhook: Set<String> = ["url", "secret", "secret_env"]
  static let companion: Set<String> = ["api_key_env", "url"]
  static let search: Set<String> = ["name", "query", "view"]

  /// What a key's value must be, in plain words.
  static func expected(_ key: String) -> String {
    switch key {
    case "sync_interval": return "a number (like 60)"
    case "lock_after": return "a number of minutes (like 10; 0 never locks)"
    case "mouse", "bell", "notify", "title", "notify_names": return "true or false"
    case "awaiting_warn", "awaiting_alarm": return "a time in quotes (like \"1d\", \"12h\" or \"90m\")"
    case "red_flags", "red_flag_files", "cover", "notify_views": return "a list of text (like [\"a\", \"b\"])"
    case "searches": return "a list of [[searches]] tables"
    case "profiles", "practice", "webhook", "keys", "thresholds", "checkins", "companion": return "a table"
    default: return "text in quotes (like \"clinic\")"
    }
  }

  /// Every key the file holds that clinbox does not know, with the keys known where it stands.
  static func unknownKeys(in table: TOMLTable) -> [(key: String, known: [String])] {
    var out: [(String, [String])] = []
    func check(_ t: TOMLTable, _ known: Set<String>, _ prefix: String) {
      for k in t.keys.sorted() where !known.contains(k) { out.append((prefix + k, known.sorted())) }
    }
    check(table, top, "")
    for (name, value) in (table["profiles"]?.table).map({ t in t.keys.map { ($0, t[$0]) } }) ?? [] {
      guard let p = value?.table else { continue }
      check(p, profile, "profiles.\(name).")
      if let practiceTable = p["practice"]?.table { check(practiceTable, practice, "profiles.\(name).practice.") }
      if let hook = p["webhook"]?.table { check(hook, webhook, "profiles.\(name).webhook.") }
      if let c = p["companion"]?.table { check(c, companion, "profiles.\(name).companion.") }
    }
    for (i, value) in (table["searches"]?.array.map { Array($0) } ?? []).enumerated() {
      if let t = value.table { check(t, search, "searches[\(i)].") }
    }
    return out
  }
}

/// Runs a command (`client_secret_command`) and returns its first line of output.
func outputOfCommand(_ command: String) throws -> String {
  guard let pipe = popen(command, "r") else { throw Failure("cannot run client_secret_command") }
  var output = Data()
  var buffer = [UInt8](repeating: 0, count: 4096)
  while true {
    let n = fread(&buffer, 1, buffer.count, pipe)
    if n <= 0 { break }
    output.append(contentsOf: buffer[0..<n])
  }
  let status = pclose(pipe)
  guard status == 0 else { throw Failure("client_secret_command failed (exit status \(status >> 8))") }
  return String(decoding: output, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
}
