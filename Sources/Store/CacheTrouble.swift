import Foundation
import GRDB

/// A cache that cannot do what was asked, said in plain words with what to do — never SQLite's own numbers and
/// SQL: a full disk with its free space and where, a file that cannot be written, a damaged page, a busy cache.
public enum CacheTrouble {
  /// The trouble and what to do: "disk full: 0 bytes free on /home — free some space; what is cached still reads".
  public static func words(for error: Error, cache path: String) -> String? {
    guard let (cause, advice) = said(error, path) else { return nil }
    return cause + " — " + advice
  }

  /// The trouble alone, short enough to sit beside other words on a status line: "disk full: 0 bytes free on /home".
  public static func cause(for error: Error, cache path: String) -> String? { said(error, path)?.cause }

  private static func said(_ error: Error, _ path: String) -> (cause: String, advice: String)? {
    guard let e = error as? DatabaseError else { return nil }
    let code = e.resultCode
    // A disk with no room fails SQLite's writes as "full", or — writing the WAL's shared memory — as an I/O error.
    if code == .SQLITE_FULL || (code == .SQLITE_IOERR && diskFull(near: path) != nil) {
      return (fullWords(path), "free some space; what is cached still reads")
    }
    if code == .SQLITE_READONLY || code == .SQLITE_CANTOPEN || code == .SQLITE_PERM {
      return ("the cache at \(path) cannot be written (read-only)", "reading only")
    }
    if code == .SQLITE_CORRUPT || code == .SQLITE_NOTADB {
      return ("the cache at \(path) is damaged", "quit: the next start repairs it (keeping the outbox and drafts)")
    }
    if code == .SQLITE_BUSY || code == .SQLITE_LOCKED {
      return ("the cache is busy (another program has held its write lock for 10 s)", "try again in a moment")
    }
    if code == .SQLITE_IOERR {
      return ("the disk failed a write to the cache (\(freeSpace(path)) free on \(mountPoint(path)))", "reading only")
    }
    return nil
  }

  /// "disk full: 0 bytes free on /home" when the folder of `path` has next to no room (under 64 KB), else nil.
  public static func diskFull(near path: String) -> String? {
    guard let bytes = freeBytes(path), bytes < 64 * 1024 else { return nil }
    return fullWords(path)
  }

  static func fullWords(_ path: String) -> String { "disk full: \(freeSpace(path)) free on \(mountPoint(path))" }

  /// "0 bytes", "812 KB", "3.1 GB": what the cache's folder can still take.
  static func freeSpace(_ path: String) -> String {
    guard let bytes = freeBytes(path) else { return "unknown space" }
    switch bytes {
    case ..<1024: return "\(Int(bytes)) bytes"
    case ..<(1024 * 1024): return "\(Int(bytes / 1024)) KB"
    case ..<(1024 * 1024 * 1024): return String(format: "%.1f MB", bytes / 1024 / 1024)
    default: return String(format: "%.1f GB", bytes / 1024 / 1024 / 1024)
    }
  }

  static func freeBytes(_ path: String) -> Double? {
    var s = statvfs()
    let folder = (path as NSString).deletingLastPathComponent
    guard statvfs(folder.isEmpty ? "." : folder, &s) == 0 else { return nil }
    return Double(s.f_bavail) * Double(s.f_frsize)
  }

  /// The mount the cache lives on (the longest mount point that holds its path), from the kernel's table.
  static func mountPoint(_ path: String) -> String {
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    let mounts = (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) ?? ""
    let points = mounts.split(separator: "\n").compactMap { $0.split(separator: " ").dropFirst().first }
      .map { $0.replacingOccurrences(of: "\\040", with: " ") }
    return points.filter { absolute == $0 || absolute.hasPrefix($0 == "/" ? "/" : $0 + "/") }
      .max { $0.count < $1.count } ?? "/"
  }
}

extension Store {
  /// Where to read a cache without writing a byte: its path, or — in a folder that cannot be written, where SQLite
  /// could not make the WAL's shared-memory file — the file as immutable (its `-wal`, if any, is then not read).
  static func readingLocation(_ path: String) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    guard access(folder.isEmpty ? "." : folder, W_OK) != 0 else { return path }
    return immutable(path)
  }

  static func immutable(_ path: String) -> String { URL(fileURLWithPath: path).absoluteString + "?immutable=1" }

  /// `open` (which opens and reads) at the reading location; on a disk that cannot take even the WAL's
  /// shared-memory file (full), again with the file as immutable.
  static func openReading<T>(_ path: String, _ open: (String) throws -> T) throws -> T {
    let location = readingLocation(path)
    do { return try open(location) } catch let e as DatabaseError
      where location == path && [.SQLITE_IOERR, .SQLITE_FULL, .SQLITE_CANTOPEN].contains(e.resultCode) {
      return try open(immutable(path))
    }
  }

  /// Whether a cache that failed to open for writing can still be read: it exists with data, its schema is this
  /// build's, and what failed was the disk (full, read-only, refused), not the file.
  static func readsStill(after error: Error, at path: String) -> Bool {
    guard let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size > 0,
          (try? checkVersion(at: path)).map({ $0 != .older }) == true else { return false }
    if let e = error as? DatabaseError {
      // A write lock held longer than the busy timeout (another program mid-write) leaves the cache readable too.
      return [.SQLITE_FULL, .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_IOERR, .SQLITE_BUSY,
              .SQLITE_LOCKED].contains(e.resultCode)
    }
    if case OpenError.cannotCreate = error { return access(path, W_OK) != 0 || errno == EROFS }
    return false
  }
}
