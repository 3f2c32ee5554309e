import Foundation
import Clinic
import Templates
import TerminalUI

extension AppState {
  /// The clinician's settings as the inbox reads them: made once by the launcher from the config, the profile and
  /// the flags, and never changed by a key.
  public struct Configuration: Equatable, Sendable {
    /// The clinic's time zone for showing times (the process's own; tests fix it).
    public var timeZone: TimeZone = .current
    public var keys = KeyMap()
    /// Seconds without a key before the screen locks (`lock_after`); 0 never.
    public var lockAfter: TimeInterval = 0
    /// How the clinician is told of new patients' messages (`bell`, `notify`, `title`, …).
    public var alerts = Alerts()
    /// Waits at or past these are marked (`awaiting_warn`, `awaiting_alarm`; seconds).
    public var awaitingWarn: TimeInterval = 86_400
    public var awaitingAlarm: TimeInterval = 3 * 86_400
    /// The words that open a patient's message recorded here: who took it and when (`record_prefix`).
    public var recordPrefix = RecordPrefix.standard
    /// Scores at or over which a check-in is marked, by form name or id (`[checkins]`).
    public var checkInThresholds: [String: Int] = [:]
    /// Which way each question of a form points (`[checkins."Form"] "question" = "higher-is-worse"`): by form name
    /// or id, then question text or linkId.
    public var checkInDirections: [String: [String: ScoreDirection]] = [:]
    /// Templates to start a message from, and the practice's details for their placeholders.
    public var templates: [Template] = []
    public var practiceName: String?
    public var practicePhone: String?
    /// Read state is shared with Canvas through the companion plugin: reads of messages addressed to the acting
    /// clinician are written back.
    public var sharesReadState = false

    public init() {}
  }
}
