import Foundation
import Clinic
import Templates
import TerminalUI

/// The app's side of what an overlay asked for, with the whole state: the overlay is closed already.
func finish(_ finish: OverlayFinish, _ state: inout AppState) -> [Effect] {
  switch finish {
  case .chose(let member, let purpose): return chose(member, for: purpose, &state)
  case .route(let note): return routed(note, &state)
  case .chosePatient(let patient, let recording):
    if recording { return recordFor(patientID: patient.id, patientName: patient.displayName, &state) }
    return [.startCompose(patientID: patient.id, returnTo: state.screen)]
  case .template(let template):
    guard var c = state.compose else { return [] }
    let rendered = TemplateRenderer.render(template.body, values: c.values)
    if c.editor.text.isEmpty { c.editor = Editor(text: rendered.preview) } else { c.editor.insert(rendered.preview) }
    state.compose = c
    if !rendered.canSend { notify("fill \(rendered.problems.joined(separator: ", ")) before sending", &state) }
    return [saveDraft(c)]
  case .command(let command): return apply(command, &state)
  case .search(let text): return search(text, &state)
  case .quitAnswered(let yes):
    if yes { return quit(&state) }
    if !Unsaved.all(state).isEmpty { return [] }
    state.quitWhenSent = true
    notify("clinbox quits once the outbox is sent · q quits now", &state)
    return [.syncNow]
  case .anyStaffAnswered(let yes):
    guard yes else {
      notify("Any staff is not synced", &state)
      return []
    }
    state.news.syncsAnyStaff = true
    // A practice's backlog is not news: the next sync catches up in silence.
    state.news.caughtUp = false
    notify("Any staff syncs from now on (:any-staff again stops it)", &state)
    return [.setAnyStaff(true)]
  case .tagged(let command): return TagPrefix.run(command, &state)
  }
}

/// The practitioner picker's choice, for its purpose.
private func chose(_ owner: StaffMember, for purpose: StaffPicker.Purpose, _ state: inout AppState) -> [Effect] {
  switch purpose {
  case .route(let messages):
    var note = RouteNote(messages: messages, owner: owner)
    // A message a red-flag phrase was found in offers Canvas's label "Urgent" (on until Tab takes it off).
    let shown = state.inbox.rows + (state.thread?.messages ?? [])
    note.offersUrgent = messages.contains { ref in shown.contains { $0.id == ref.id && $0.redFlag != nil } }
    note.urgent = note.offersUrgent
    state.overlay = .note(note)
    return []
  case .recordFor(let patientID, let patientName):
    state.compose = ComposeState(patientID: patientID, patientName: patientName, draftID: nil, editor: Editor(),
                                 returnTo: state.screen, recordingFor: owner)
    state.screen = .compose
    return []
  case .cover:
    return toggleCover(owner, &state)
  case .actAs:
    state.status.actingAs = "acting as \(owner.name)"
    state.status.actingID = owner.id
    var q = state.inbox.query
    q.me = owner.id
    state.inbox = InboxList(query: q)
    return [.actAs(owner)] + ensureInboxLoaded(&state) + [.loadCounts(state.sidebarAsk)]
  }
}

/// A routing's note given: each message routed, one undo step for them all.
private func routed(_ n: RouteNote, _ state: inout AppState) -> [Effect] {
  let note = n.text.trimmingCharacters(in: .whitespaces)
  let steps = n.messages.map { TriageStep.routed(messageID: $0.id) }
  state.triage.undo.append(steps.count == 1 ? steps[0] : .together(steps))
  let what = n.messages.count == 1 ? "routed" : "\(n.messages.count) routed"
  notify("\(what) to \(n.owner.name) · z undoes", &state)
  if n.messages.count > 1 { state.triage.tagged = [] }
  let due = RouteDue.parse(note, now: state.now, timeZone: state.config.timeZone)
  return n.messages.map {
    .route(messageID: $0.id, patientID: $0.patientID, owner: n.owner.id,
           note: note.isEmpty ? "Please review this message" : note, labels: n.urgent ? ["Urgent"] : [], due: due)
  }
}

/// The view filtered by `text` (or no longer, when it is blank); the view as it was is kept for Esc.
private func search(_ text: String, _ state: inout AppState) -> [Effect] {
  let words = text.trimmingCharacters(in: .whitespaces)
  if !words.isEmpty {
    state.triage.searchHistory.removeAll { $0 == words }
    state.triage.searchHistory.append(words)
    if state.triage.searchHistory.count > 50 { state.triage.searchHistory.removeFirst() }
  }
  if state.inbox.query.search == nil { state.triage.beforeSearch = state.inbox }
  var q = state.inbox.query
  q.search = words.isEmpty ? nil : words
  state.inbox = InboxList(query: q)
  return ensureInboxLoaded(&state)
}
