import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who has a cache open: every clinbox process holds a shared lock (`flock`) on `<cache>.lock` from opening the
/// cache until it ends — a crash or `kill -9` lets it go with the process, so it never blocks for good. `wipe` takes
/// it whole, and is refused, naming the holders, while another clinbox has the cache open. A separate file and not
/// the database: closing any descriptor of the database file would drop SQLite's own (POSIX) locks.
enum CacheLock {
  // Read and written under `guardLock` only.
  nonisolated(unsafe) private static var held: [String: Int32] = [:]
  private static let guardLock = NSLock()

  static func path(forCache cache: String) -> String { cache + ".lock" }

  /// Shares the cache's lock for the rest of this process (once a path; a no-op when already held).
  static func share(_ cache: String) throws {
    // Held already: whole after a repair at open, shared from here on (the same descriptor converts its lock).
    if let fd = guardLock.withLock({ held[cache] }) { flock(fd, LOCK_SH | LOCK_NB); return }
    // A cache on a read-only disk is read only: nothing can wipe it either, and no lock file can be made.
    if access((cache as NSString).deletingLastPathComponent, W_OK) != 0 && (errno == EROFS || errno == EACCES) {
      return
    }
    let fd = try descriptor(cache)
    guard flock(fd, LOCK_SH | LOCK_NB) == 0 else {
      throw Failure("the cache at \(cache) is being wiped by another clinbox: try again once it is done")
    }
  }

  /// Takes the cache's lock whole (for `wipe`): refused while any other process holds it, naming them.
  static func takeWhole(_ cache: String) throws {
    let fd = try descriptor(cache)
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      let others = holders(of: path(forCache: cache)).map { "\($0.name) (pid \($0.pid))" }
      let named = others.isEmpty ? "another clinbox" : others.joined(separator: ", ")
      throw Failure("\(named) has the cache at \(cache) open: quit it first (nothing was removed)")
    }
  }

  private static func descriptor(_ cache: String) throws -> Int32 {
    try guardLock.withLock {
      if let fd = held[cache] { return fd }
      let file = path(forCache: cache)
      let fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
      guard fd >= 0 else { throw Failure("cannot open \(file): \(String(cString: strerror(errno)))") }
      fchmod(fd, 0o600)
      held[cache] = fd
      return fd
    }
  }

  /// The other processes holding a lock on `file`, from the kernel's table (`/proc/locks`) and their names.
  static func holders(of file: String) -> [(pid: Int32, name: String)] {
    var st = stat()
    guard stat(file, &st) == 0,
          let table = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return [] }
    var out: [(Int32, String)] = []
    for line in table.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      // "1: FLOCK  ADVISORY  READ  4242 00:2f:1234567 0 EOF" (a "->" marks a waiter: one more field)
      guard let kind = fields.firstIndex(of: "FLOCK"), fields.count > kind + 4,
            let pid = Int32(fields[kind + 3]), pid != getpid(),
            fields[kind + 4].split(separator: ":").last.flatMap({ UInt64($0) }) == UInt64(st.st_ino),
            !out.contains(where: { $0.0 == pid }) else { continue }
      let name = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? "a process"
      out.append((pid, name))
    }
    return out
  }
}
