import Foundation

/// FHIR `instant` / `dateTime` parsing that accepts every form Canvas sends: 0, 3 or 6 (any number of)
/// fractional digits and `Z` or `±hh:mm` (reference §3.5: `2021-03-21T10:46:17+00:00`,
/// `2022-03-14T12:03:58.958000+00:00`, `2022-04-29T13:30:00.000Z`). A bare date is midnight UTC.
public enum Instant {
  public static func parse(_ text: String) -> Date? {
    let u = Array(text.utf8)
    func num(_ from: Int, _ len: Int) -> Int? {
      guard from + len <= u.count else { return nil }
      var v = 0
      for i in from..<from + len {
        let d = Int(u[i]) - 48
        guard (0...9).contains(d) else { return nil }
        v = v * 10 + d
      }
      return v
    }
    guard let year = num(0, 4) else { return nil }
    var month = 1, day = 1, hour = 0, minute = 0, second = 0
    var fraction = 0.0
    var offset = 0
    var i = 4
    if i < u.count {
      guard u[i] == UInt8(ascii: "-"), let m = num(i + 1, 2) else { return nil }
      month = m; i += 3
      if i < u.count {
        guard u[i] == UInt8(ascii: "-"), let d = num(i + 1, 2) else { return nil }
        day = d; i += 3
      }
    }
    if i < u.count {
      guard u[i] == UInt8(ascii: "T") || u[i] == UInt8(ascii: " "),
            let h = num(i + 1, 2), i + 3 < u.count, u[i + 3] == UInt8(ascii: ":"), let mi = num(i + 4, 2)
      else { return nil }
      hour = h; minute = mi; i += 6
      if i < u.count, u[i] == UInt8(ascii: ":") {
        guard let s = num(i + 1, 2) else { return nil }
        second = s; i += 3
      }
      if i < u.count, u[i] == UInt8(ascii: ".") {
        i += 1
        var scale = 0.1
        let start = i
        while i < u.count, (48...57).contains(u[i]) {
          fraction += Double(u[i] - 48) * scale
          scale /= 10
          i += 1
        }
        guard i > start else { return nil }
      }
      if i < u.count {
        if u[i] == UInt8(ascii: "Z") { i += 1 }
        else if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
          let sign = u[i] == UInt8(ascii: "+") ? 1 : -1
          guard let oh = num(i + 1, 2) else { return nil }
          var om = 0
          if i + 3 < u.count, u[i + 3] == UInt8(ascii: ":") {
            guard let m = num(i + 4, 2) else { return nil }
            om = m; i += 6
          } else if let m = num(i + 3, 2) {
            om = m; i += 5
          } else { i += 3 }
          offset = sign * (oh * 3600 + om * 60)
        } else { return nil }
      }
      guard i == u.count else { return nil }
    }
    guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
    let days = daysFromCivil(year, month, day)
    let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
    return Date(timeIntervalSince1970: seconds)
  }

  /// The form clinbox writes: UTC with milliseconds, as Canvas's own create examples do.
  public static func format(_ date: Date) -> String {
    let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    var secs = ms / 1000
    let millis = ms - secs * 1000
    let days = Int(floorDiv(secs, 86_400))
    secs -= Int64(days) * 86_400
    let (y, m, d) = civilFromDays(days)
    func p(_ v: Int64, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(v).count)) + String(v) }
    let date = "\(p(Int64(y), 4))-\(p(Int64(m), 2))-\(p(Int64(d), 2))"
    return date + "T\(p(secs / 3600, 2)):\(p(secs % 3600 / 60, 2)):\(p(secs % 60, 2)).\(p(millis, 3))Z"
  }

  /// The form Canvas answers with: six fractional digits and `+00:00` (`2023-10-23T21:19:22.865089+00:00`).
  public static func formatMicroseconds(_ date: Date) -> String {
    let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    let secs = floorDiv(micros, 1_000_000)
    let frac = micros - secs * 1_000_000
    let base = format(Date(timeIntervalSince1970: Double(secs)))   // ….000Z
    let f = String(frac)
    return String(base.prefix(19)) + "." + String(repeating: "0", count: 6 - f.count) + f + "+00:00"
  }

  private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

  // Howard Hinnant's days-from-civil algorithms: exact for the proleptic Gregorian calendar, no Calendar needed.
  static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp + (mp < 10 ? 3 : -9)
    return (m <= 2 ? y + 1 : y, m, d)
  }
}
