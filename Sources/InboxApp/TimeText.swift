import Foundation

/// How times read on screen, in the clinic's time zone.
public enum TimeText {
  static func components(_ date: Date, _ tz: TimeZone) -> DateComponents {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = tz
    return cal.dateComponents([.year, .month, .day, .hour, .minute], from: date)
  }

  static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  static func two(_ v: Int?) -> String { let s = String(v ?? 0); return s.count < 2 ? "0" + s : s }

  /// A list's time column: `10:42` today, `Nov 12` this year, `2024-11-12` before.
  static func short(_ date: Date?, now: Date, _ tz: TimeZone, narrow: Bool = false) -> String {
    guard let date else { return "—" }
    let d = components(date, tz), n = components(now, tz)
    if d.year == n.year && d.month == n.month && d.day == n.day { return "\(two(d.hour)):\(two(d.minute))" }
    if d.year == n.year { return "\(months[(d.month ?? 1) - 1]) \(d.day ?? 1)" }
    return narrow ? "\(d.year ?? 0)" : "\(d.year ?? 0)-\(two(d.month))-\(two(d.day))"
  }

  /// A thread header's time: `2026-11-27 10:42`.
  static func full(_ date: Date?, _ tz: TimeZone) -> String {
    guard let date else { return "time unknown" }
    let d = components(date, tz)
    return "\(d.year ?? 0)-\(two(d.month))-\(two(d.day)) \(two(d.hour)):\(two(d.minute))"
  }

  /// `just now`, `12 s ago`, `5 min ago`, `3 h ago`, else the date.
  static func ago(_ date: Date, now: Date, _ tz: TimeZone) -> String {
    let s = Int(now.timeIntervalSince(date))
    if s < 5 { return "just now" }
    if s < 60 { return "\(s) s ago" }
    if s < 3600 { return "\(s / 60) min ago" }
    if s < 86_400 { return "\(s / 3600) h ago" }
    return "on " + full(date, tz)
  }

  /// How long a patient has waited: `2 d 4 h`, `5 h 12 min`, `12 min`, `under a minute`.
  public static func wait(since: Date, now: Date) -> String {
    wait(seconds: Int(now.timeIntervalSince(since)))
  }

  /// The same for a wait in seconds (`clinbox list`).
  public static func wait(seconds: Int) -> String {
    let s = max(0, seconds)
    let d = s / 86_400, h = s % 86_400 / 3_600, m = s % 3_600 / 60
    if d > 0 { return "\(d) d \(h) h" }
    if h > 0 { return "\(h) h \(m) min" }
    return m > 0 ? "\(m) min" : "under a minute"
  }

  /// A coarse age: `3 d`, `5 h`, `12 min`, `now`.
  static func age(since: Date, now: Date) -> String {
    let s = max(0, Int(now.timeIntervalSince(since)))
    if s >= 86_400 { return "\(s / 86_400) d" }
    if s >= 3_600 { return "\(s / 3_600) h" }
    return s >= 60 ? "\(s / 60) min" : "now"
  }
}
