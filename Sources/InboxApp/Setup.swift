import Foundation
import Clinic
import Templates
import TerminalUI

extension AppState {
  /// What the launcher knows before the first frame (the config, the cache's answers), given whole: nothing
  /// outside the core assigns to the state.
  public struct Setup: Sendable {
    public var timeZone: TimeZone = .current
    public var keys = KeyMap()
    public var savedSearches: [SavedSearch] = []
    public var checkInThresholds: [String: Int] = [:]
    public var checkInDirections: [String: [String: ScoreDirection]] = [:]
    public var recordPrefix = RecordPrefix.standard
    public var templates: [Template] = []
    public var practiceName: String?
    public var practicePhone: String?
    public var lockAfter: TimeInterval = 0
    public var hasPassphrase = false
    public var alerts = Alerts()
    public var awaitingWarn: TimeInterval = 86_400
    public var awaitingAlarm: TimeInterval = 3 * 86_400
    public var covering: [CoveredColleague] = []
    public var syncsAnyStaff = false
    /// Why the cache only reads, if it does.
    public var readingOnly: String?
    /// Words an earlier clinbox kept outside the cache (`UnsavedText`), to be saved at the first tick.
    public var unsaved: [UnsavedText] = []
    /// With nobody acting yet: the staff to choose from, in the picker that opens first.
    public var chooseWhoActs: [StaffMember]?

    public init() {}
  }

  public init(width: Int, height: Int, now: Date, query: MessageQuery, status: StatusInfo, setup: Setup) {
    self.init(width: width, height: height, now: now, query: query, status: status)
    timeZone = setup.timeZone
    keys = setup.keys
    savedSearches = setup.savedSearches
    checkInThresholds = setup.checkInThresholds
    checkInDirections = setup.checkInDirections
    recordPrefix = setup.recordPrefix
    templates = setup.templates
    practiceName = setup.practiceName
    practicePhone = setup.practicePhone
    lockAfter = setup.lockAfter
    hasPassphrase = setup.hasPassphrase
    alerts = setup.alerts
    awaitingWarn = setup.awaitingWarn
    awaitingAlarm = setup.awaitingAlarm
    covering = setup.covering
    syncsAnyStaff = setup.syncsAnyStaff
    readingOnly = setup.readingOnly
    unsaved = setup.unsaved
    if let staff = setup.chooseWhoActs {
      overlay = .staff(StaffPicker(purpose: .actAs, includeNonSchedulable: true, staff: staff))
    }
  }
}
