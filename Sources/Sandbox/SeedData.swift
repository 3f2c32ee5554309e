/// Synthetic people and phrases for the sandbox. No real person: names are common ones, combined at random.
enum SeedData {
  struct Staff {
    let given: String, family: String, suffix: String, role: String, schedulable: Bool, active: Bool
  }

  /// The first is the demo's acting clinician. Some staff are not schedulable (front desk, billing…), which
  /// Canvas hides from Practitioner search unless asked; one has left the practice (inactive).
  static let staff: [Staff] = [
    Staff(given: "Priya", family: "Raman", suffix: "MD", role: "MD", schedulable: true, active: true),
    Staff(given: "Samantha", family: "Jones", suffix: "RN", role: "RN", schedulable: true, active: true),
    Staff(given: "Marcus", family: "Oyelaran", suffix: "MD", role: "MD", schedulable: true, active: true),
    Staff(given: "Élodie", family: "Brunet", suffix: "NP", role: "NP", schedulable: true, active: true),
    Staff(given: "Kenji", family: "Watanabe", suffix: "DO", role: "MD", schedulable: true, active: true),
    Staff(given: "Aisha", family: "Khan", suffix: "PA", role: "PA", schedulable: true, active: true),
    Staff(given: "Tom", family: "Becker", suffix: "", role: "MA", schedulable: false, active: true),
    Staff(given: "Rosa", family: "Delgado", suffix: "", role: "CC", schedulable: false, active: true),
    Staff(given: "Lena", family: "Fischer", suffix: "", role: "FD", schedulable: false, active: true),
    Staff(given: "Omar", family: "Haddad", suffix: "", role: "BILL", schedulable: false, active: true),
    Staff(given: "Grace", family: "Whitfield", suffix: "MD", role: "MD", schedulable: true, active: false),
  ]

  /// Canvas's examples use this key for Canvas Bot (reference §5).
  static let canvasBotID = "5eede137ecfe4124b8b773040e33be14"
  static let draftMessage = "Draft: your lab results are in — I will write once I have reviewed them."
  static let scheduledMessage = "Reminder: your follow-up visit is tomorrow. Please bring your medication list."

  /// The third and fourth newest messages of a seed of ten or more are not sent: one draft, one scheduled.
  static func unsentStatus(index i: Int, count: Int) -> String? {
    guard count >= 10 else { return nil }
    if i == count - 3 { return "in-progress" }
    if i == count - 4 { return "preparation" }
    return nil
  }

  static let givenNames = ["Zoë", "Liam", "Olivia", "Noah", "Amara", "Mateo", "Sofia", "Ethan", "Chloé", "Lucas",
                           "Fatima", "Jonas", "Mia", "Diego", "Hannah", "Ravi", "Ingrid", "Tariq", "Nora", "Felix",
                           "Yuki", "Leila", "Björn", "Ana", "Kwame", "Sara", "Ivan", "Maya", "Omar", "Elena"]
  static let familyNames = ["Müller", "Smith", "García", "Nguyen", "Okafor", "Kowalski", "Rossi", "Johansson",
                            "Patel", "Dubois", "O'Brien", "Haddad", "Tanaka", "Silva", "Novak", "Hughes",
                            "Andersen", "Costa", "Ibrahim", "Schmidt"]
  /// Patients whose names are not Latin script, for wide-character alignment.
  static let wideNames: [(given: String, family: String)] = [("小龙", "李"), ("芳", "王"), ("翔太", "佐藤"), ("민준", "김")]
  static let nicknames = ["Zo", "Liv", "Teddy", "Sunny 🌻", "Bea", "Max", "Ro", "Jojo"]

  static let patientMessages = [
    "Hi doctor, the new blood pressure pills make me dizzy in the morning. Should I keep taking them?",
    "Could you refill my metformin? I have five days left.",
    "My daughter still has a fever of 38.5 since yesterday. Do we need to come in?",
    "Thank you for the call yesterday, I feel much better now. No chest pain since Sunday.",
    "Is it normal that the rash is spreading a little after starting the cream?",
    "I need a note for work saying I was seen on Monday.",
    "When will my lab results be ready?",
    "The pharmacy says they never got the prescription.",
    "Can I take ibuprofen with my new medication?",
    "I missed my appointment today, sorry. Can we reschedule for next week?",
    "My sugar readings were 180–210 all week 😟",
    "Sleeping better since we changed the dose 👍",
    "I have been feeling very anxious again, and my chest feels tight at night.",
    "Quick question about the referral: which clinic do I call?",
    "我的药快吃完了，可以帮我续药吗？",
    "検査結果はいつ届きますか？",
  ]

  static let clinicianMessages = [
    "Your results are back and look normal. No changes needed.",
    "I've sent the refill to your pharmacy; it should be ready tomorrow.",
    "Please keep taking it for now and check your blood pressure twice a day. Let me know the readings on Friday.",
    "Yes, ibuprofen is fine with it for a few days. Take it with food.",
    "Let's book a visit this week so we can take a look.",
    "Reminder: your appointment is on Thursday at 9:30.",
    "Thanks for letting us know. I've asked the front desk to call you to reschedule.",
  ]

  /// HTML bodies, as Canvas stores messages written in its UI since 2022.
  static let htmlMessages = [
    "<p>Hello,</p><p>Your <b>A1c</b> is 6.8&nbsp;% — better than last time.<br>Keep going &amp; see you "
        + "in 3 months.</p>",
    "<div>Please bring:</div><ul><li>your medication list</li><li>your glucose log</li></ul><p>Thanks "
        + "&mdash; the clinic</p>",
  ]

  static let longMessage: String = {
    let para = "I want to describe everything that happened since the last visit, because it has been a long month. "
      + "The headaches come mostly in the afternoon, sometimes with nausea, "
          + "and the new pills help a little but not always. "
    return "Long update from the patient. " + String(repeating: para, count: 90) + "That is all, thank you for reading."
  }()

  /// Hostile text that a real server could hold: terminal escapes that would retitle the window or clear the
  /// screen, a bidi override that reverses what follows, zero-width characters. The inbox must show it inert.
  static let hostileMessage = "Title trick \u{1B}]0;pwned\u{07} clear \u{1B}[2J\u{1B}[H bidi "
      + "\u{202E}gnp.exe\u{202C} zero\u{200B}width\u{FEFF} bell\u{07} C1 \u{9B}31m end"
}

/// The sandbox's sample texts, for a benchmark that fills a cache directly: a practice's words vary, and a search
/// measured over one sentence repeated counts a word found in every message.
public enum SampleMessages {
  public static func text(_ index: Int, fromPatient: Bool) -> String {
    let texts = fromPatient ? SeedData.patientMessages : SeedData.clinicianMessages
    return texts[index % texts.count]
  }
}
