import Foundation
import GRDB

/// A cache that cannot do what was asked, said in plain words with what to do — never SQLite's own numbers and
/// SQL: a full disk with its free space and where, a file that cannot be written, a damaged page, a busy cache.
public enum CacheTrouble {
  public static func words(for error: Error, cache path: String) -> String? {
    guard let e = error as? DatabaseError else { return nil }
    let code = e.resultCode
    if code == .SQLITE_FULL {
      return "disk full: \(freeSpace(path)) free on \(mountPoint(path)) — free some space; what is cached still reads"
    }
    if code == .SQLITE_READONLY || code == .SQLITE_CANTOPEN || code == .SQLITE_PERM {
      return "the cache at \(path) cannot be written (read-only) — reading only"
    }
    if code == .SQLITE_CORRUPT || code == .SQLITE_NOTADB {
      return "the cache at \(path) is damaged — quit and run clinbox repair (it keeps the outbox and drafts)"
    }
    if code == .SQLITE_BUSY || code == .SQLITE_LOCKED {
      return "the cache is busy (another clinbox is writing it) — try again in a moment"
    }
    if code == .SQLITE_IOERR {
      return "the disk failed a write to the cache (\(freeSpace(path)) free on \(mountPoint(path))) — reading only"
    }
    return nil
  }

  /// "0 bytes", "812 KB", "3.1 GB": what the cache's folder can still take.
  static func freeSpace(_ path: String) -> String {
    var s = statvfs()
    let folder = (path as NSString).deletingLastPathComponent
    guard statvfs(folder.isEmpty ? "." : folder, &s) == 0 else { return "unknown space" }
    let bytes = Double(s.f_bavail) * Double(s.f_frsize)
    switch bytes {
    case ..<1024: return "\(Int(bytes)) bytes"
    case ..<(1024 * 1024): return "\(Int(bytes / 1024)) KB"
    case ..<(1024 * 1024 * 1024): return String(format: "%.1f MB", bytes / 1024 / 1024)
    default: return String(format: "%.1f GB", bytes / 1024 / 1024 / 1024)
    }
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
