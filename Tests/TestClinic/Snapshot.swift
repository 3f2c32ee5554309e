import Foundation
import Testing

/// Compares text with `Snapshots/<name>.txt`. With `RECORD_SNAPSHOTS=1`, or when the file does not exist yet,
/// it writes the file instead (and a missing file is reported, so CI never passes on an unrecorded snapshot).
public func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation,
                     file: String = #filePath) {
  let url = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name).txt")
  // Only `RECORD_SNAPSHOTS=1` records: `=0` (or any other value) compares, as it reads.
  let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  let existing = try? String(contentsOf: url, encoding: .utf8)
  if record || existing == nil {
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? (text + "\n").write(to: url, atomically: true, encoding: .utf8)
    if existing == nil && !record {
      Issue.record("recorded a new snapshot \(name).txt; check it and run again", sourceLocation: sourceLocation)
    }
    return
  }
  let expected = existing!.hasSuffix("\n") ? String(existing!.dropLast()) : existing!
  if expected != text {
    Issue.record("frame differs from \(name).txt:\n--- expected\n\(expected)\n--- actual\n\(text)", sourceLocation: sourceLocation)
  }
}
