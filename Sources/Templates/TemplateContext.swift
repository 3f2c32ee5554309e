import Foundation

/// The values a template can use: the patient, the clinician, the practice, dates, and extra `--var`s.
public struct TemplateContext: Sendable {
  public var patientFirstName: String?
  public var patientPreferredName: String?
  public var patientLastName: String?
  public var patientAge: Int?
  public var clinicianName: String?
  public var clinicianTitle: String?
  public var practiceName: String?
  public var practicePhone: String?
  public var today: Date
  public var timeZone: TimeZone
  public var extra: [String: String]

  public init(patientFirstName: String? = nil, patientPreferredName: String? = nil, patientLastName: String? = nil,
              patientAge: Int? = nil, clinicianName: String? = nil, clinicianTitle: String? = nil,
              practiceName: String? = nil, practicePhone: String? = nil, today: Date = Date(),
              timeZone: TimeZone = .current, extra: [String: String] = [:]) {
    self.patientFirstName = patientFirstName; self.patientPreferredName = patientPreferredName
    self.patientLastName = patientLastName; self.patientAge = patientAge; self.clinicianName = clinicianName
    self.clinicianTitle = clinicianTitle; self.practiceName = practiceName; self.practicePhone = practicePhone
    self.today = today; self.timeZone = timeZone; self.extra = extra
  }

  /// Every placeholder name and its value. Dates: `today` (28 November 2026), `today.short` (2026-11-28),
  /// `today.weekday` (Saturday), `today.us` (11/28/2026).
  public var values: [String: String] {
    var v: [String: String] = [:]
    v["patient.first_name"] = patientFirstName
    v["patient.preferred_name"] = (patientPreferredName?.isEmpty == false ? patientPreferredName : nil)
        ?? patientFirstName
    v["patient.last_name"] = patientLastName
    v["patient.age"] = patientAge.map(String.init)
    v["clinician.name"] = clinicianName
    v["clinician.title"] = clinicianTitle
    v["practice.name"] = practiceName
    v["practice.phone"] = practicePhone
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = timeZone
    let c = cal.dateComponents([.year, .month, .day, .weekday], from: today)
    let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December"]
    let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    let y = c.year ?? 0, m = c.month ?? 1, d = c.day ?? 1
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    v["today"] = "\(d) \(months[m - 1]) \(y)"
    v["today.short"] = "\(y)-\(two(m))-\(two(d))"
    v["today.us"] = "\(two(m))/\(two(d))/\(y)"
    v["today.weekday"] = days[(c.weekday ?? 1) - 1]
    for (k, value) in extra { v[k] = value }
    return v.compactMapValues { $0 }
  }
}
