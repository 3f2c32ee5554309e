import Clinic
import TerminalUI

/// Tagging as mail users know it (mutt's `t`, `T` and `;`): tag messages one by one or every one a view or search
/// shows, then `;` and a triage key acts on all of them as one step, which `z` takes back whole.
func tagging(_ command: Command, _ state: inout AppState) -> [Effect] {
  switch command {
  case .tag:
    guard let m = state.inbox.selectedMessage else { return [] }
    let ref = MessageRef(id: m.id, patientID: m.patientID)
    if state.triage.tagged.remove(ref) == nil { state.triage.tagged.insert(ref) }
    notify(taggedText(state), &state)
    // In the list the selection moves on, so a run of messages is tagged with t t t.
    guard state.screen == .inbox else { return [] }
    state.inbox.selected += 1
    clampInbox(&state.inbox, height: state.listHeight)
    return ensureInboxLoaded(&state)
  case .tagAll:
    return [.tagView(state.inbox.query, limit: tagLimit)]
  case .tagPrefix:
    guard !state.triage.tagged.isEmpty else {
      notify("nothing tagged — t tags a message, T the whole view", &state)
      return []
    }
    state.overlay = .tagPrefix
    return []
  default:
    return []
  }
}

/// `T` tags at most this many: a step over more is not a triage decision anyone reviewed.
let tagLimit = 500

func taggedText(_ state: AppState) -> String {
  state.triage.tagged.isEmpty ? "no message tagged" : "; then d, u, r or a acts on every tagged message"
}

/// After `;`: the triage key for every tagged message, or Esc.
enum TagPrefix {
  static func run(_ command: Command, _ state: inout AppState) -> [Effect] {
    state.overlay = nil
    let tagged = state.triage.tagged.sorted()
    switch command {
    case .doneTagged:
      let open = tagged.filter { ref in state.inbox.rows.first { $0.id == ref.id }?.done != true }
      state.triage.undo.append(.together(open.map { .markedDone(messageID: $0.id) }))
      state.triage.tagged = []
      notify("\(open.count) done · z undoes", &state)
      return open.flatMap { markDone($0.id, true, &state) }
    case .unreadTagged, .readTagged:
      let unread = command == .unreadTagged
      let rows = Dictionary(state.inbox.rows.map { ($0.id, $0.unread) }, uniquingKeysWith: { a, _ in a })
      let steps = tagged.map { TriageStep.markedUnread(messageID: $0.id, wasUnread: rows[$0.id] ?? !unread) }
      state.triage.undo.append(.together(steps))
      state.triage.tagged = []
      notify("\(tagged.count) marked \(unread ? "unread" : "read") · z undoes", &state)
      return tagged.flatMap { markUnread($0.id, unread, &state) }
    case .routeTagged:
      state.overlay = .staff(StaffPicker(purpose: .route(tagged)))
      return [.loadStaff(includeNonSchedulable: false)]
    case .untagAll:
      state.triage.tagged = []
      notify("tags cleared", &state)
      return []
    default:
      return []   // Esc, or any other key: nothing done
    }
  }

  static func draw(_ state: AppState, into g: inout Grid) {
    let y = g.height - 1
    g.fill(y: y, role: .status)
    let keys = Command.hints(in: .tagged, keys: state.config.keys)
    let prompt = " ; \(state.triage.tagged.count) tagged: " + keys.joined(separator: " · ")
    g.put(TextLayout.truncate(prompt, to: g.width), x: 0, y: y, role: .status)
    g.cursor = (min(g.width - 1, CellWidth.of(prompt)), y)
  }
}
