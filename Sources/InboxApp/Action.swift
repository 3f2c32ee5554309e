import Foundation
import Clinic
import TerminalUI

/// Something that happened: a key, a resize, a tick of the clock, or data the runtime loaded.
public enum Action: Equatable, Sendable {
  case key(Key)
  case resized(width: Int, height: Int)
  case tick(Date)
  /// A passphrase was checked against the one kept (`checkPassphrase`).
  case passphraseChecked(Bool)
  /// A signal or the terminal going away: quit from wherever the clinician is. Never a key.
  case terminate
  /// A page of a view; `query` names the view it was read for (a page of a view the clinician has left is dropped).
  /// `total` is the view's count where it came with the page; nil when the page came alone.
  case inboxLoaded(offset: Int, rows: [Message], total: Int?, query: MessageQuery? = nil)
  /// A view's count, read apart from its pages.
  case viewCounted(total: Int, query: MessageQuery)
  case threadLoaded(patientID: PatientID, patient: PatientRecord?, messages: [Message], total: Int)
  /// An open thread read again after the cache changed; dropped when the reader has left it meanwhile.
  case threadRefreshed(patientID: PatientID, patient: PatientRecord?, messages: [Message], total: Int)
  /// A patient's check-ins and the forms they answer, for the open thread's panel.
  case checkInsLoaded(patientID: PatientID, checkIns: [CheckIn], forms: [CheckInForm], refused: [RefusedCheckIn] = [])
  /// The background sync moved on.
  case syncStarted
  case syncProgress(pages: Int, estimatedPages: Int?)
  /// `feedProblem`: why the companion's changes feed could not be used (the cycle polled instead).
  case syncFinished(at: Date, queued: Int, nextRetry: Date? = nil, feedProblem: String? = nil)
  /// The companion's sockets opened or closed.
  case newsLink(NewsLink)
  case syncFailed(reason: String, offline: Bool, queued: Int, nextRetry: Date? = nil)
  /// The view was re-read after a sync: its new size and where the selected message now stands.
  case inboxReloaded(total: Int, selectedIndex: Int?, query: MessageQuery? = nil)
  case countsLoaded([InboxView: Int], saved: [String: Int] = [:], covered: [StaffID: Int] = [:],
                    longestWait: Date? = nil)
  /// The cache changed under the screen — a sync page, a triage step, another clinbox process: re-read what is
  /// on screen. Posted by the cache's observation (this process) and its change watch (other processes).
  case cacheChanged
  /// A sync brought patients' messages into views the clinician watches (`Alerts`).
  case newMessagesArrived(NewMessages)
  /// What syncing Any staff would fetch, in words (nil: no server to ask).
  case anyStaffMeasured(String?)
  /// What the outbox still holds, read when the clinician quits (`loadUnsent`).
  case unsentLoaded([UnsentWrite])
  /// A line for the status bar (a step that could not be taken, a cache error).
  case noticeShown(String)
  /// How many writes wait for the server, counted after a write.
  case queuedCounted(Int)
  /// The acting practitioner's record arrived: their name for the title bar.
  case actingAsNamed(String)
  case staffLoaded([StaffMember])
  case composeStarted(patientID: PatientID, patientName: String, draftID: String?, text: String, cursor: Int,
                      values: [String: String], returnTo: AppState.Screen, thread: [Message] = [])
  case draftSaved(id: String, at: Date)
  /// The cache could not take a draft: why, and the file its words were kept in outside the cache (if any).
  case draftNotSaved(patientID: PatientID, why: String, file: String?)
  /// Words that waited were taken by the cache, as drafts (with their ids).
  case unsavedSaved([UnsavedText])
  /// The cache, which only read, writes again.
  case cacheWritable
  case editorReturned(text: String)
  case patientsLoaded([PatientRecord])
  /// The practice's patients the server found by name for `query` (nil: it did not answer).
  case patientsFound([PatientRecord]?, query: String)
  /// The check-in forms the cache holds (for `i`).
  case checkInFormsLoaded([CheckInForm])
  /// `T`: the messages of a view (up to the limit), to tag.
  case viewTagged([MessageRef], query: MessageQuery)
}

/// Work for the runtime: read the Store, or stop.
public enum Effect: Equatable, Sendable {
  /// The lock: check a passphrase against the kept hash; record that the screen (un)locked.
  case checkPassphrase(String)
  case noteLock(locked: Bool)
  /// A page of a view; `total` (when counted) lets the Store read the older half from the other end.
  case loadInbox(MessageQuery, offset: Int, limit: Int, total: Int?)
  /// A view's count: performed apart from the other effects, so keys do not wait for it.
  case countView(MessageQuery)
  case loadThread(patientID: PatientID)
  /// Re-read what is on screen after a sync changed the cache, keeping the selection on the same message.
  /// `nameActing`: the title bar still waits for the acting clinician's name.
  case reload(query: MessageQuery, selectedMessageID: MessageID?, threadPatientID: PatientID?, nameActing: Bool,
              counts: SidebarAsk)
  case syncNow
  /// What the outbox still holds, before quitting.
  case loadUnsent
  case loadCounts(SidebarAsk)
  case loadStaff(includeNonSchedulable: Bool)
  /// Triage, stored at once; whatever must reach the server goes through the outbox.
  case setUnread(messageID: MessageID, patientID: PatientID?, unread: Bool)
  case setDone(messageID: MessageID, patientID: PatientID?, done: Bool)
  case route(messageID: MessageID, patientID: PatientID, owner: StaffID, note: String, labels: [String] = [],
             due: Date? = nil)
  case cancelRoute(messageID: MessageID, patientID: PatientID?)
  /// The clinician chose whom they act as (first start).
  case actAs(StaffMember)
  /// Compose: open the pane for a patient (with their draft, if any).
  case startCompose(patientID: PatientID, returnTo: AppState.Screen)
  /// `keptOutside`: the pane's words were refused before and a copy waits outside the cache, to remove once saved.
  case saveDraft(id: String?, patientID: PatientID, text: String, cursor: Int, keptOutside: Bool = false)
  /// What is written for a patient is discarded: the draft, if stored, and any copy kept outside the cache.
  case deleteDraft(id: String?, patientID: PatientID)
  /// Ask the cache again to take words it could not (and to write at all, if it only read).
  /// `readingOnly`: the screen still says the cache only reads.
  case saveUnsaved([UnsavedText], readingOnly: Bool)
  case sendMessage(patientID: PatientID, text: String, draftID: String?)
  /// `m`, Ctrl-S: a patient's message taken by phone, from them to `for`.
  case recordMessage(patientID: PatientID, for: StaffID, text: String, draftID: String?)
  /// `R`: put a failed message back in the outbox.
  case retry(messageID: MessageID)
  /// Once a second: has the cache changed under the screen (another clinbox process)?
  case watchCache
  /// `X`, confirmed: take a failed message out of the outbox, its text kept as a draft.
  case discardFailed(messageID: MessageID)
  case loadPatients(query: String)
  /// Ask the server for the practice's patients by name (the launcher's, off the loop; stored in the cache).
  case searchPatients(query: String)
  /// `S`: keep the current search in the config (the sidebar shows it already).
  case saveSearch(SavedSearch)
  /// `I`: a patient's check-ins (answered with `checkInsLoaded`).
  case loadCheckIns(patientID: PatientID)
  /// `A`: the compose pane for the patient, starting from the check-in request template for this form.
  case askForCheckIn(patientID: PatientID, formName: String, returnTo: AppState.Screen)
  /// `i`: the forms to record a check-in on.
  case loadCheckInForms
  /// A check-in answered here: into the outbox, shown in the patient's panel at once (in place of a refused one).
  case recordCheckIn(CheckIn, replacing: Int64? = nil)
  /// `T`: read the view's messages (their ids and patients) to tag them.
  case tagView(MessageQuery, limit: Int)
  /// Ctrl-Z: the terminal given back and the process stopped, as a shell's job; `fg` resumes it (a tick follows,
  /// so that an idle lock due meanwhile covers the first frame).
  case suspend
  /// Ctrl-E: the text in $VISUAL / $EDITOR, the terminal handed over until it exits.
  case externalEditor(text: String)
  /// The bell, a desktop notification, the title (performed on the terminal, not the cache).
  case alert(TerminalAlert)
  /// Arrivals up to now are not told of (the first sync since opening has ended).
  case caughtUp
  /// Measures what Any staff would sync (`anyStaffMeasured` comes back), on the runtime's server.
  case measureAnyStaff
  /// Syncs Any staff from now on, or stops.
  case setAnyStaff(Bool)
  /// Covers a colleague's inbox (`:cover`), or stops.
  case setCovering(StaffID, Bool, counts: SidebarAsk)
  case quit
}
