import Foundation
import Clinic
import TerminalUI

// The parts of the app's state beside the inbox, the thread, the compose pane and the overlay: each a value of
// its own, so a function that needs the sidebar's counts or the lock takes that part, not the whole state.
extension AppState {
  /// The lock, and what it counts from.
  public struct Session: Equatable, Sendable {
    /// The lock screen, while the screen is locked (nothing behind it is drawn).
    public var lock: LockScreen?
    /// When the last key came (the idle lock counts from it).
    public var lastInput: Date = .distantPast
    /// Whether a passphrase has been chosen (else locking ends the inbox).
    public var hasPassphrase = false
    /// The inbox ended because it had to lock with no passphrase to unlock it with (said once the screen is gone).
    public var endedByLock = false
  }

  /// The sidebar's part.
  public struct Sidebar: Equatable, Sendable {
    public var visible = true
    /// The views, with their counts.
    public var counts: [InboxView: Int] = [:]
    /// Searches from the config, and how many messages each finds.
    public var savedSearches: [SavedSearch] = []
    public var savedCounts: [String: Int] = [:]
    /// Colleagues whose inboxes are covered, and how many open messages each holds.
    public var covering: [CoveredColleague] = []
    public var coveredCounts: [StaffID: Int] = [:]
    /// When the longest wait for a reply in the acting clinician's threads began (Awaiting reply).
    public var longestWait: Date?
  }

  /// Triage's memory.
  public struct Triage: Equatable, Sendable {
    /// Steps `z` can undo, newest last.
    public var undo: [TriageStep] = []
    /// Messages tagged with `t` (or `T`): `;` then a triage key acts on all of them.
    public var tagged: Set<MessageRef> = []
    /// Searches given with `/` this session, oldest first (Up recalls them).
    public var searchHistory: [String] = []
    /// The view as it was before a search filtered it, for Esc.
    public var beforeSearch: InboxList?
  }

  /// The cache as the screen sees it.
  public struct CacheWatch: Equatable, Sendable {
    /// Words the cache could not take, from compose panes since closed (`Unsaved`); the open pane's own are marked
    /// on it.
    public var unsaved: [UnsavedText] = []
    /// Why the cache only reads (a full disk, a read-only file), or nil: it is asked again every few seconds.
    public var readingOnly: String?
    /// When the cache was last asked to take what it could not.
    public var lastSaveTry: Date?
    /// When the list was last re-read for a sync in progress (at most once a second: a count of a large view is
    /// not free, and a sync brings pages faster than anyone reads).
    public var lastLiveReload = Date.distantPast
    /// The cache changed while a sync ran and the screen has not been read again yet (it is, at the next tick).
    public var rereadPending = false
  }

  /// Arrivals and what is synced.
  public struct News: Equatable, Sendable {
    /// How many patients' messages arrived since the clinician's last key (the title's count).
    public var unseen = 0
    /// A sync has finished since the inbox opened: arrivals from now on are told of.
    public var caughtUp = false
    /// Any staff is synced (the clinician asked for it, seeing its cost).
    public var syncsAnyStaff = false
  }
}
