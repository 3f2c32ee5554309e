import Foundation

/// A due date read from a routing's note, as a clinician writes it: "due today", "due tomorrow", "due in 3 days",
/// "due friday", "due 2026-12-05". The routing is due at the end of that day in the clinic's time zone (Canvas's
/// `restriction.period.end`). Nil when the note names no due date.
public enum RouteDue {
  public static func parse(_ note: String, now: Date, timeZone: TimeZone) -> Date? {
    let words = note.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "-" }.map(String.init)
    guard let at = words.firstIndex(of: "due"), at + 1 < words.count else { return nil }
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = timeZone
    let today = cal.startOfDay(for: now)
    func endOf(_ day: Date) -> Date? { cal.date(byAdding: DateComponents(day: 1, second: -1), to: day) }
    let next = words[at + 1]
    switch next {
    case "today": return endOf(today)
    case "tomorrow": return cal.date(byAdding: .day, value: 1, to: today).flatMap(endOf)
    case "in":
      guard at + 3 < words.count, let n = Int(words[at + 2]), n >= 0, n <= 366,
            ["day", "days"].contains(words[at + 3]) else { return nil }
      return cal.date(byAdding: .day, value: n, to: today).flatMap(endOf)
    default:
      if let weekday = weekdays.firstIndex(where: { next.hasPrefix($0) }) {
        let current = cal.component(.weekday, from: today) - 1
        let ahead = (weekday - current + 7) % 7
        return cal.date(byAdding: .day, value: ahead == 0 ? 7 : ahead, to: today).flatMap(endOf)
      }
      let parts = next.split(separator: "-").compactMap { Int($0) }
      guard parts.count == 3, let day = cal.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
      else { return nil }
      return endOf(day)
    }
  }

  static let weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
}
