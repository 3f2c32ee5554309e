import Foundation
import Testing

/// `S` keeps the current search: in the sidebar at once, and in the config for the next start — text with quotes
/// and backslashes included, the config still valid.
@Suite struct SavedSearchTests {
  @Test func aSearchKeptWithSIsInTheSidebarNextTime() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let command = "env XDG_CONFIG_HOME=\(dir.path) \(clinboxBinary) demo --patient-writes-every 0"
    let text = #"ibuprofen \"x"#   // typed: ibuprofen \"x — a backslash and a quote in the search
    let t = try Tmux(command: command)
    defer { t.stop() }
    t.waitFor { synced($0) && $0.contains(" 1/") }
    t.send("/"); t.type(text); t.send("Enter")
    t.waitFor(5) { $0.contains("clinbox · All · “") }
    t.send("S")
    #expect(t.waitFor(5) { $0.contains("kept in the sidebar") }.contains("kept in the sidebar"))
    t.send("q")
    let config = try String(contentsOf: dir.appendingPathComponent("clinbox/config.toml"), encoding: .utf8)
    #expect(config.contains("[[searches]]") && config.contains(#"query = "ibuprofen \\\"x""#), "\(config)")
    let mode = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("clinbox/config.toml").path)[.posixPermissions] as? Int
    #expect(mode == 0o600, "readable by its owner only")
    let doctor = try clinbox(["doctor"], env: ["XDG_CONFIG_HOME": dir.path])
    #expect(!(doctor.stdout + doctor.stderr).contains("unknown key"), "the config is still valid: \(doctor.stdout)")

    let again = try Tmux(command: command)
    defer { again.stop() }
    let screen = again.waitFor { synced($0) && $0.contains("/ ibuprofen") }
    #expect(screen.contains(#"/ ibuprofen \"x"#), "the kept search in the sidebar: \(screen)")
    again.send("q")
  }
}
