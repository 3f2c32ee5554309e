import Foundation
import Testing

/// The built `clinbox` binary beside the test bundle (`scripts/test` builds it first).
let clinboxBinary: String = {
  if let env = ProcessInfo.processInfo.environment["CLINBOX_BIN"] { return env }
  let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  for dir in [bundleDir, bundleDir.deletingLastPathComponent()] {
    let candidate = dir.appendingPathComponent("clinbox").path
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
  }
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  return root.appendingPathComponent(".build/debug/clinbox").path
}()

/// A finished run of the binary.
struct Run {
  let status: Int32
  let stdout: String
  let stderr: String
}

func environment(_ extra: [String: String]) -> [String: String] {
  var e = ProcessInfo.processInfo.environment
  e["CLINBOX_CLIENT_ID"] = nil; e["CLINBOX_CLIENT_SECRET"] = nil; e["CLINBOX_TOKEN"] = nil
  for (k, v) in extra { e[k] = v }
  return e
}

func temporaryFile(_ name: String) -> String {
  FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-\(UUID().uuidString)-\(name)").path
}

/// Runs clinbox (the built one, or `binary`) with arguments and an environment, waits at most `timeout` seconds.
func clinbox(_ args: [String], env: [String: String] = [:], input: String? = nil,
             timeout: TimeInterval = 60, binary: String = clinboxBinary) throws -> Run {
  let out = temporaryFile("out"), err = temporaryFile("err"), inFile = temporaryFile("in")
  defer { [out, err, inFile].forEach { try? FileManager.default.removeItem(atPath: $0) } }
  if let input { try input.write(toFile: inFile, atomically: true, encoding: .utf8) }
  let child = try Child(binary, args, env: environment(env), stdin: input == nil ? nil : inFile, stdout: out,
                        stderr: err)
  let status = child.wait(timeout: timeout)
  return Run(status: status, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
             stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
}

/// A background clinbox process (a sandbox server, or a sync to kill), stopped by `stop()`.
final class Background {
  let child: Child
  let output: String

  init(_ args: [String]) throws {
    output = temporaryFile("bg.log")
    child = try Child(clinboxBinary, args, env: environment([:]), stdout: output, stderr: output + ".err")
  }

  var log: String {
    ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "") + ((try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? "")
  }

  func kill9() { child.signal(SIGKILL); child.wait() }

  func stop() {
    child.signal(SIGTERM)
    child.wait(timeout: 10)
    try? FileManager.default.removeItem(atPath: output)
    try? FileManager.default.removeItem(atPath: output + ".err")
  }
}

/// A sandbox server in its own process; `url` and `practitioner` come from its start-up lines.
final class SandboxProcess {
  let bg: Background
  let url: String
  let practitioner: String
  let dbDir: URL

  /// `port` and `dbDir` restart a stopped sandbox where it was, with the data it had.
  init(messages: Int = 300, port: Int = 0, dbDir: URL? = nil, options: [String] = []) throws {
    self.dbDir = dbDir ?? FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: self.dbDir, withIntermediateDirectories: true)
    bg = try Background(["sandbox", "--port", String(port), "--messages", String(messages),
                         "--db", self.dbDir.appendingPathComponent("sandbox.sqlite").path] + options)
    let deadline = Date().addingTimeInterval(120)
    var url: String?, practitioner: String?
    while Date() < deadline {
      let log = bg.log
      if let r = log.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression),
         let p = log.range(of: #"Practitioner/[0-9a-f]{32}"#, options: .regularExpression) {
        url = String(log[r]); practitioner = String(log[p].dropFirst("Practitioner/".count)); break
      }
      usleep(50_000)
    }
    guard let url, let practitioner else { throw HarnessError.sandboxDidNotStart(bg.log) }
    self.url = url
    self.practitioner = practitioner
  }

  var port: Int { Int(url.split(separator: ":").last ?? "") ?? 0 }

  /// Stops the server and keeps its data (for a restart).
  func halt() { bg.stop() }

  func stop() {
    bg.stop()
    try? FileManager.default.removeItem(at: dbDir)
  }
}

enum HarnessError: Error { case sandboxDidNotStart(String) }

/// A tmux server of our own (private socket, fixed size, UTF-8, 256 colours), killed by `stop()`.
final class Tmux {
  let socket = "clinbox-test-\(UUID().uuidString.prefix(8))"
  let conf: URL

  init(width: Int = 120, height: Int = 40, command: String) throws {
    conf = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).conf")
    try "set -g default-terminal tmux-256color\nset -g status off\n".write(to: conf, atomically: true, encoding: .utf8)
    // The tmux server this starts keeps any pipe it inherits open: give it none, or reading would never end.
    try tmux(["-f", conf.path, "new-session", "-d", "-x", String(width), "-y", String(height), "-s", "t",
              "env -i PATH=/usr/bin:/bin HOME=\(NSHomeDirectory()) LANG=C.UTF-8 TERM=tmux-256color TMPDIR=\(NSTemporaryDirectory()) \(command)"],
             capture: false)
  }

  @discardableResult
  func tmux(_ args: [String], capture: Bool = true) throws -> String {
    // The tmux server keeps whatever it inherits open, so output goes to a file, never a pipe.
    let out = temporaryFile("tmux")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let child = try Child("/usr/bin/tmux", ["-L", socket] + args, env: ProcessInfo.processInfo.environment, stdout: capture ? out : nil)
    child.wait(timeout: 20)
    return capture ? ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "") : ""
  }

  func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", "t"])) ?? "" }
  /// The screen with its attributes and colours as escape sequences (to check that colour is or is not drawn).
  func screenWithAttributes() -> String { (try? tmux(["capture-pane", "-e", "-p", "-t", "t"])) ?? "" }
  func send(_ keys: String...) { _ = try? tmux(["send-keys", "-t", "t"] + keys) }
  func type(_ text: String) { _ = try? tmux(["send-keys", "-t", "t", "-l", text]) }
  func title() -> String { ((try? tmux(["display", "-p", "-t", "t", "#{pane_title}"])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
  /// The process running in the pane (clinbox, when started directly).
  func panePID() -> Int32? { Int32(((try? tmux(["display", "-p", "-t", "t", "#{pane_pid}"])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)) }
  func resize(_ w: Int, _ h: Int) { _ = try? tmux(["resize-window", "-t", "t", "-x", String(w), "-y", String(h)]) }

  /// Waits until the screen satisfies `condition`; returns the last screen either way.
  @discardableResult
  func waitFor(_ timeout: TimeInterval = 60, _ condition: (String) -> Bool) -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var s = screen()
    while !condition(s) && Date() < deadline { usleep(100_000); s = screen() }
    return s
  }

  func stop() {
    _ = try? tmux(["kill-server"])
    try? FileManager.default.removeItem(at: conf)
  }
}

/// Whether a screen's status line says a sync completed ("never synced" does not count).
func synced(_ screen: String) -> Bool {
  screen.range(of: #"[^r] synced (just now|\d+ s ago|\d+ min ago)"#, options: .regularExpression) != nil
}

/// Whether process `pid` is gone (or a zombie waiting for a parent) within `seconds`.
func processEnds(_ pid: Int32, within seconds: TimeInterval) -> Bool {
  let deadline = Date().addingTimeInterval(seconds)
  while Date() < deadline {
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    if kill(pid, 0) != 0 || stat.split(separator: " ").dropFirst(2).first == "Z" { return true }
    usleep(50_000)
  }
  return false
}

/// The reference of the first of a sandbox's staff whose name matches `name` (`practitioners --search`).
func reference(matching name: String, _ sandbox: SandboxProcess) throws -> String {
  let run = try clinbox(["practitioners", "--server", sandbox.url, "--client-id", "demo", "--client-secret", "demo",
                         "--all", "--search", name, "--json"])
  let first = run.stdout.split(separator: "\n").first.map(String.init) ?? ""
  return (try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])?["reference"] as? String ?? ""
}

/// The passphrase the tests' inboxes unlock with.
let testPassphrase = "tea at four o'clock"

/// Chooses the lock's passphrase for `cache` as a clinic does before its first inbox (`clinbox passphrase --stdin`):
/// an inbox on a cache without one asks for it before it shows any patient data.
func choosePassphrase(cache: String, env: [String: String] = [:]) throws {
  let r = try clinbox(["passphrase", "--stdin", "--cache", cache], env: env, input: testPassphrase + "\n")
  guard r.status == 0 else { throw Child.SpawnError.failed("clinbox passphrase: \(r.stderr)", r.status) }
}

/// The sandbox's clinician synced into a fresh cache in `dir`: the cache's path, and the arguments that name the
/// server, the clinician, the credentials and that cache (as an inbox or a command is given them).
func syncedCache(_ sandbox: SandboxProcess, in dir: URL) throws -> (cache: String, server: [String]) {
  let cache = "\(dir.path)/c.sqlite"
  let server = ["--server", sandbox.url, "--as", "Practitioner/\(sandbox.practitioner)", "--client-id", "demo",
                "--client-secret", "demo", "--cache", cache]
  let sync = try clinbox(["sync"] + server)
  guard sync.status == 0 else { throw Child.SpawnError.failed("clinbox sync: \(sync.stderr)", sync.status) }
  return (cache, server)
}

/// clinbox in a private mount namespace (root only, as CI runs), after `mounts` — a shell line given the folder as
/// `$1` — has changed what `folder` is for it: a read-only bind mount, a small tmpfs.
func inPrivateMounts(_ mounts: String, _ folder: URL, _ args: [String], timeout: TimeInterval = 60) throws -> Run {
  let out = temporaryFile("out"), err = temporaryFile("err")
  defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: err) }
  let child = try Child("/usr/bin/unshare", ["-m", "sh", "-c", mounts + " && shift && exec \"$@\"", "sh", folder.path,
                                             clinboxBinary] + args, env: environment([:]), stdout: out, stderr: err)
  let status = child.wait(timeout: timeout)
  return Run(status: status, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
             stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
}

/// The mounts that make a folder read-only, also for root (who writes through any mode).
let readOnlyMount = "mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\""

/// clinbox with `folder` read-only for it: by its mode for a user, by a read-only bind mount for root.
func readOnlyFolder(_ folder: URL, _ args: [String]) throws -> Run {
  guard getuid() == 0 else { return try clinbox(args) }
  return try inPrivateMounts(readOnlyMount, folder, args)
}

/// A fresh folder for one test's files; with `config`, that text as `clinbox/config.toml` in it (for
/// `XDG_CONFIG_HOME`). The caller removes it.
func scratchFolder(config: String? = nil) throws -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-e2e-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir.appendingPathComponent("clinbox"), withIntermediateDirectories: true)
  if let config { try config.write(to: dir.appendingPathComponent("clinbox/config.toml"), atomically: true, encoding: .utf8) }
  return dir
}
