import Foundation
import Clinic
import Templates
import TerminalUI

extension AppState {
  /// What the launcher knows before the first frame — the settings (`Configuration`) and the cache's answers —
  /// given whole: nothing outside the core assigns to the state.
  public struct Setup: Sendable {
    /// The settings, whole.
    public var config = Configuration()
    public var savedSearches: [SavedSearch] = []
    public var hasPassphrase = false
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
    config = setup.config
    sidebar.savedSearches = setup.savedSearches
    session.hasPassphrase = setup.hasPassphrase
    sidebar.covering = setup.covering
    news.syncsAnyStaff = setup.syncsAnyStaff
    cache.readingOnly = setup.readingOnly
    cache.unsaved = setup.unsaved
    if let staff = setup.chooseWhoActs {
      overlay = .staff(StaffPicker(purpose: .actAs, includeNonSchedulable: true, staff: staff))
    }
  }
}
