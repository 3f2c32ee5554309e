import Foundation
import Clinic

/// How a message reads in one line: its preview, and what it is when the patient has not received it yet.
enum MessageText {
  /// The text as one line: "Hello,⏎I have chest pain" previews as "Hello, I have chest pain".
  static func preview(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      .joined(separator: " ")
  }

  /// "draft in Canvas" or "scheduled for 3 Dec 2026 10:00": never shown as sent.
  static func notSentLabel(_ m: Message, _ timeZone: TimeZone) -> String? {
    switch m.serverState {
    case .sent: return nil
    case .draftInCanvas: return "draft in Canvas"
    case .scheduled: return "scheduled" + (m.sent.map { " for " + TimeText.full($0, timeZone) } ?? "")
    }
  }
}
