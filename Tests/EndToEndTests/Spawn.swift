import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with posix_spawn and reaped with waitpid. Foundation's `Process` left zombies
/// unreaped under the test runner here (its `waitUntilExit` never returned), so the tests spawn their own.
final class Child {
  let pid: pid_t
  private(set) var status: Int32?

  /// Starts `path` with `args`; stdin is the given file (or /dev/null), stdout and stderr go to the given files (or
  /// /dev/null).
  init(_ path: String, _ args: [String], env: [String: String], stdin: String? = nil, stdout: String? = nil,
       stderr: String? = nil) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = ([path] + args).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
    // The calling thread (a test runner's worker) blocks signals; a child inheriting that mask would ignore
    // SIGTERM and SIGHUP (a tmux server would never exit). Start children with no signals blocked or ignored.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t(), all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    guard rc == 0 else { throw SpawnError.failed(path, rc) }
    self.pid = pid
  }

  /// Whether it still runs (reaps it if it ended).
  var isRunning: Bool {
    if status != nil { return false }
    var s: Int32 = 0
    let r = waitpid(pid, &s, WNOHANG)
    if r == pid { status = Self.exitStatus(s); return false }
    return r == 0
  }

  /// Waits up to `timeout` seconds; kills it (SIGKILL) past that. Returns the exit status.
  @discardableResult
  func wait(timeout: TimeInterval = 120) -> Int32 {
    let deadline = Date().addingTimeInterval(timeout)
    while isRunning {
      if Date() > deadline { kill(pid, SIGKILL) }
      usleep(10_000)
    }
    return status ?? -1
  }

  func signal(_ sig: Int32) { if status == nil { kill(pid, sig) } }

  static func exitStatus(_ s: Int32) -> Int32 {
    let signalled = s & 0x7f
    return signalled == 0 ? (s >> 8) & 0xff : 128 + signalled
  }

  enum SpawnError: Error { case failed(String, Int32) }
}
