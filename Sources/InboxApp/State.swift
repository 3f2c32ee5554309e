import Foundation
import Clinic
import Templates
import TerminalUI

/// Everything the screen shows, and nothing the Store holds: view state (selection, scroll) lives here.
public struct AppState: Equatable, Sendable {
  public enum Screen: Equatable, Sendable { case inbox, thread, compose }

  public var screen: Screen = .inbox
  /// What the launcher read before the first frame and the screens only read: one value, made whole outside.
  public var config = Configuration()
  public var width: Int
  public var height: Int
  public var now: Date
  /// The acting clinician's hold on the screen: the lock and what it counts from.
  public var session = Session()
  /// The message list of the view shown.
  public var inbox: InboxList
  /// The views beside the list, their counts, the searches kept and the colleagues covered.
  public var sidebar = Sidebar()
  /// What the clinician's triage keeps between keys: undo, tags, searches.
  public var triage = Triage()
  public var thread: ThreadView?
  /// The message being written, when the compose pane is open.
  public var compose: ComposeState?
  public var overlay: Overlay?
  /// Where the cache stands for the screen: whether it writes, what waits for it, when the list was last read.
  public var cache = CacheWatch()
  /// What the syncs have brought the clinician to be told of.
  public var news = News()
  public var status: StatusInfo
  public var quitting = false
  /// Asked at `q` whether to quit with writes unsent, the clinician chose to wait: quit once the outbox is sent.
  public var quitWhenSent = false
  /// Initials for patients, no message text in lists: for screens in shared rooms.
  public var privacy = false

  public init(width: Int, height: Int, now: Date, query: MessageQuery, status: StatusInfo) {
    self.width = width; self.height = height; self.now = now
    inbox = InboxList(query: query)
    self.status = status
  }

  /// The whole screen.
  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  /// Rows the list can show: the screen less the title bar, the view bar (if shown) and the status line.
  public var listHeight: Int { max(0, height - 1 - listTop) }

  /// The list's first row: under the title bar, and under the view bar where it shows.
  public var listTop: Int { viewBarVisible ? 2 : 1 }

  /// From this width the views are a sidebar; below it, a one-line bar, so the list keeps its columns.
  public static let sidebarMinWidth = 100

  /// The sidebar's width, or 0 when hidden or the screen is too narrow for it.
  public var sidebarWidth: Int { sidebar.visible && width >= Self.sidebarMinWidth ? 22 : 0 }

  /// The views as one line under the title: the sidebar folded, on a screen narrower than it needs (Tab hides it).
  public var viewBarVisible: Bool { sidebar.visible && width < Self.sidebarMinWidth && height >= 8 }
}

/// The message list of one view: a loaded window of rows around the selection, never the whole table.
public struct InboxList: Equatable, Sendable {
  public var query: MessageQuery
  public var total = 0
  /// The index (in the whole view) of `rows[0]`.
  public var offset = 0
  public var rows: [Message] = []
  public var selected = 0
  public var top = 0
  public var loaded = false
  /// The message the selection goes to at the next re-read (`z` puts it back on the message it restored).
  public var follow: MessageID?
  /// The clinician put the selection where it is (moved, clicked, opened, undid): a re-read keeps it on that
  /// message. Until then — and after `g` — it stays on the newest while a sync brings more.
  public var chosen = false
  /// Whether `total` is the view's count; until it comes, `total` is what the loaded pages hold.
  public var counted = false
  /// The count has been asked for (it is read apart from the pages, off the keys' path).
  public var countAsked = false

  public init(query: MessageQuery) { self.query = query }

  public func row(at index: Int) -> Message? {
    let i = index - offset
    return rows.indices.contains(i) ? rows[i] : nil
  }

  public var selectedMessage: Message? { row(at: selected) }
}

/// One patient's thread: the banner and the messages, laid out as lines for the current width.
public struct ThreadView: Equatable, Sendable {
  public var patientID: PatientID
  public var patient: PatientRecord?
  public var messages: [Message]
  /// Messages of the thread not loaded (older than the newest page).
  public var olderCount: Int
  public var lines: [ThreadLine] = []
  public var layoutWidth = 0
  public var layoutPrivacy = false
  public var top = 0
  /// The patient's check-ins (oldest first) and the forms they answer, for the check-in panel.
  public var checkIns: [CheckIn] = []
  public var forms: [CheckInForm] = []
  /// The lines where a searched term shows (after `/`), for `n` and `N`.
  public var hits: [Int] = []
  /// The hit `n` or `N` went to last (the window may not start at it near the thread's end).
  public var currentHit: Int?
  /// Check-ins recorded here that the server refused, to correct.
  public var refused: [RefusedCheckIn] = []
}

/// Where the background sync stands.
public enum SyncActivity: Equatable, Sendable {
  case idle
  case syncing(done: Int, of: Int?)
  case offline(since: Date)
  case failed(String)
}

/// Whether the companion's news comes as it happens or the inbox polls for it.
public enum NewsLink: Equatable, Sendable {
  case live
  /// With why, when there is a reason worth telling (a key refused, a socket that will not open).
  case polling(String?)
}

/// What the status line says about the connection.
public struct StatusInfo: Equatable, Sendable {
  public var server: String
  public var actingAs: String
  /// The acting practitioner's id, to name them once a sync has brought their record.
  public var actingID: StaffID?
  public var lastSync: Date?
  public var activity: SyncActivity = .idle
  /// Messages written here and not yet delivered.
  public var queued = 0
  /// When the outbox tries again by itself, while something waits.
  public var nextRetry: Date?
  /// News from the companion plugin: nil without it; live while its sockets are open, else polling (and why).
  public var news: NewsLink?
  /// A one-line notice: what just happened, or a step that could not be taken.
  public var notice: String?
  /// When the notice goes (nil: it stays until replaced — one given at start).
  public var noticeUntil: Date?

  public init(server: String, actingAs: String, lastSync: Date?, notice: String? = nil) {
    self.server = server; self.actingAs = actingAs; self.lastSync = lastSync; self.notice = notice
  }
}

/// The compose pane: to whom, the text, and where its draft is kept.
public struct ComposeState: Equatable, Sendable {
  public var patientID: PatientID
  public var patientName: String
  public var draftID: String?
  public var editor: Editor
  /// Where Esc, Ctrl-D and a send lead back to.
  public var returnTo: AppState.Screen
  /// Esc was pressed on a message with text: "discard? y/n".
  public var confirmingDiscard = false
  /// Placeholder values for templates (patient, clinician, practice, dates).
  public var values: [String: String] = [:]
  public var savedAt: Date?
  /// The cache could not take the latest words (a full disk): why, and where they are kept meanwhile.
  public var notSaved: NotSaved?
  public var top = 0
  /// The thread's last messages, oldest first: what the pane shows beside or above the reply, and what Ctrl-Q
  /// quotes from.
  public var thread: [Message] = []
  /// `m`: the patient's own words taken by phone, for this staff member's inbox — Ctrl-S records them.
  public var recordingFor: StaffMember?

  /// The value that names the patient's contacts authorized for information ("authorized for information: Linda
  /// Stewart (mother)"), also a template placeholder.
  public static let authorizedKey = "patient.authorized_contacts"
}

/// A search kept in the config, shown in the sidebar under the views.
public struct SavedSearch: Equatable, Sendable {
  public var name: String
  public var view: InboxView
  public var text: String
  public init(name: String, view: InboxView, text: String) { self.name = name; self.view = view; self.text = text }
}

/// A triage step that `z` can take back.
public indirect enum TriageStep: Equatable, Sendable {
  case markedDone(messageID: MessageID)
  case markedUnread(messageID: MessageID, wasUnread: Bool)
  case routed(messageID: MessageID)
  /// One step over every tagged message: `z` takes all of it back at once.
  case together([TriageStep])
}

/// A message to act on, and its patient (a routing names both).
public struct MessageRef: Hashable, Sendable, Comparable {
  public var id: MessageID
  public var patientID: PatientID
  public init(id: MessageID, patientID: PatientID) { self.id = id; self.patientID = patientID }
  public static func < (a: MessageRef, b: MessageRef) -> Bool { a.id < b.id }
}
