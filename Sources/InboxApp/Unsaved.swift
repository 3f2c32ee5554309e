import Foundation
import Clinic

/// Words the cache could not take (a full disk, a read-only cache): held in memory, and in a file of the user's
/// own where one could be written, until the cache takes them — tried again every few seconds — never dropped.
public struct UnsavedText: Equatable, Sendable {
  public var patientID: PatientID
  public var patientName: String
  public var draftID: String?
  public var text: String
  public var cursor: Int
  /// The copy outside the cache (under `$XDG_RUNTIME_DIR`), or nil where none could be written.
  public var file: String?

  public init(patientID: PatientID, patientName: String, draftID: String?, text: String, cursor: Int, file: String?) {
    self.patientID = patientID; self.patientName = patientName; self.draftID = draftID
    self.text = text; self.cursor = cursor; self.file = file
  }

  /// "the reply to Chloe Dubois is kept in /run/user/1000/clinbox/unsaved-….txt" (or "only on this screen").
  var whereKept: String {
    "the reply to \(patientName) is " + (file.map { "kept in \($0)" } ?? "only on this screen")
  }
}

/// The compose pane's text is not in the cache: why, and where it is kept meanwhile.
public struct NotSaved: Equatable, Sendable {
  public var why: String
  public var file: String?
  public init(why: String, file: String?) { self.why = why; self.file = file }
}

enum Unsaved {
  /// How often the cache is asked again to take what it could not.
  static let retryEvery: TimeInterval = 5

  /// Everything not in the cache: texts left behind and the compose pane's own.
  static func all(_ state: AppState) -> [UnsavedText] {
    var texts = state.cache.unsaved
    if let c = state.compose, let mark = c.notSaved {
      texts.append(UnsavedText(patientID: c.patientID, patientName: c.patientName, draftID: c.draftID,
                               text: c.editor.text, cursor: c.editor.cursor, file: mark.file))
    }
    return texts
  }

  /// A draft the cache refused: the compose pane keeps its words and says why, and where else they are.
  static func refused(patientID: PatientID, why: String, file: String?, _ state: inout AppState) {
    guard state.compose?.patientID == patientID else { return }
    let first = state.compose?.notSaved == nil
    state.compose?.notSaved = NotSaved(why: why, file: file)
    // Said once, not at every key: the pane's title bar marks it meanwhile.
    if first {
      notify("not saved: \(why) — kept here" + (file.map { " and in \($0)" } ?? "")
               + "; saved when the cache can take it", &state)
    }
  }

  /// The compose pane closes with words the cache has not taken: they stay, to be saved when it can.
  static func leaving(_ c: ComposeState, _ state: inout AppState) {
    guard let mark = c.notSaved else { return }
    state.cache.unsaved.removeAll { $0.patientID == c.patientID }
    let text = UnsavedText(patientID: c.patientID, patientName: c.patientName, draftID: c.draftID,
                           text: c.editor.text, cursor: c.editor.cursor, file: mark.file)
    state.cache.unsaved.append(text)
    notify("not saved yet (\(mark.why)): \(text.whereKept)", &state)
  }

  /// The compose pane opens for a patient whose words wait here: those words, newer than any draft in the cache.
  static func resumed(_ c: inout ComposeState, _ state: inout AppState) {
    guard let i = state.cache.unsaved.firstIndex(where: { $0.patientID == c.patientID }) else { return }
    let text = state.cache.unsaved.remove(at: i)
    c.editor = Editor(text: text.text, cursor: text.cursor)
    c.draftID = c.draftID ?? text.draftID
    c.notSaved = NotSaved(why: "the cache could not take it", file: text.file)
  }

  /// Once a tick: while anything waits (or the cache only reads), the cache is asked again every few seconds.
  static func retry(_ state: inout AppState) -> [Effect] {
    let texts = all(state)
    guard !texts.isEmpty || state.cache.readingOnly != nil else { return [] }
    if let last = state.cache.lastSaveTry, state.now.timeIntervalSince(last) < retryEvery { return [] }
    state.cache.lastSaveTry = state.now
    return [.saveUnsaved(texts, readingOnly: state.cache.readingOnly != nil)]
  }

  /// The cache writes again (it only read since the inbox opened).
  static func writable(_ state: inout AppState) {
    state.cache.readingOnly = nil
    if state.status.noticeUntil == .distantFuture { state.status.notice = nil; state.status.noticeUntil = nil }
    notify("the cache can be written again", &state)
  }

  /// Texts the cache took, as drafts: no longer waiting. The compose pane, typed on meanwhile, saves again.
  static func saved(_ texts: [UnsavedText], _ state: inout AppState) -> [Effect] {
    var effects: [Effect] = []
    for t in texts {
      state.cache.unsaved.removeAll { $0.patientID == t.patientID && $0.text == t.text }
      guard var c = state.compose, c.patientID == t.patientID else { continue }
      c.draftID = t.draftID
      if c.editor.text == t.text { c.notSaved = nil; c.savedAt = state.now } else { effects.append(saveDraft(c)) }
      state.compose = c
    }
    let names = texts.map(\.patientName)
    notify(names.count == 1 ? "saved: the reply to \(names[0]) is in Drafts"
                            : "saved: \(names.count) replies are in Drafts (\(names.joined(separator: ", ")))", &state)
    return effects
  }

  /// Lines for the quit question: each text not in the cache and where it is.
  static func quitLines(_ state: AppState) -> [String] {
    all(state).map { "not saved: " + $0.whereKept }
  }
}
