import Foundation
import Clinic
import TerminalUI

/// The compose pane's commands (editor mode, and its "discard?" question).
func composeCommand(_ command: Command, _ state: inout AppState) -> [Effect] {
  guard var c = state.compose else { state.screen = .inbox; return [] }
  if c.confirmingDiscard {
    if command == .help {
      state.overlay = .help(HelpOverlay(mode: .confirm))
      return []
    }
    c.confirmingDiscard = false
    state.compose = c
    switch command {
    case .yes:
      state.compose = nil
      state.screen = c.returnTo
      notify("message discarded", &state)
      return [.deleteDraft(id: c.draftID, patientID: c.patientID)] + flushReread(&state)
    case .quit: return ConfirmQuit.request(&state)
    default: return []   // any other key keeps writing
    }
  }
  var edited = false
  switch command {
  case .charLeft: c.editor.left()
  case .charRight: c.editor.right()
  case .up: c.editor.up(width: state.editorWidth)
  case .down: c.editor.down(width: state.editorWidth)
  case .lineStart: c.editor.home()
  case .lineEnd: c.editor.end()
  case .wordLeft: c.editor.wordLeft()
  case .wordRight: c.editor.wordRight()
  case .newline: c.editor.insert("\n"); edited = true
  case .deleteBack: c.editor.backspace(); edited = true
  case .deleteForward: c.editor.deleteForward(); edited = true
  case .killToEnd: c.editor.killToLineEnd(); edited = true
  case .killToStart: c.editor.killToLineStart(); edited = true
  case .killWord: c.editor.killWordBack(); edited = true
  case .yank: c.editor.yank(); edited = true
  case .nextBlank, .previousBlank:
    if !c.editor.selectPlaceholder(forward: command == .nextBlank) { notify("no ⟦blanks⟧ to fill", &state) }
  case .quote:
    guard let m = c.answering else { notify("no message to quote", &state); break }
    c.editor.quote(Sanitizer.text(m.text))
    edited = true
  case .undoEdit: c.editor.undo(); edited = true
  case .redoEdit: c.editor.redo(); edited = true
  case .externalEditor:
    state.compose = c
    return [.externalEditor(text: c.editor.text)]
  case .template:
    state.compose = c
    state.overlay = .templates(TemplatePicker())
    return []
  case .help:
    state.compose = c
    state.overlay = .help(HelpOverlay(mode: .editor))
    return []
  case .keepDraft:
    state.compose = nil
    state.screen = c.returnTo
    notify(c.editor.text.isEmpty ? nil : "draft kept — it is in Drafts", &state)
    Unsaved.leaving(c, &state)
    return flushReread(&state)
  case .discard:
    if c.editor.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      state.compose = nil
      state.screen = c.returnTo
      return [.deleteDraft(id: c.draftID, patientID: c.patientID)] + flushReread(&state)
    }
    c.confirmingDiscard = true
  case .send: return send(c, &state)
  case .quit: return ConfirmQuit.request(&state)   // the draft is already saved
  default: break
  }
  state.compose = c
  // Every edit is in the cache at once: no crash can lose it.
  return edited ? [saveDraft(c)] : []
}

/// Letters, signs and pasted text go into the message (a paste's line breaks made plain `\n`).
func composeType(_ text: String, _ state: inout AppState) -> [Effect] {
  guard var c = state.compose else { return [] }
  if c.confirmingDiscard {
    c.confirmingDiscard = false   // any key but yes keeps writing
    state.compose = c
    return []
  }
  c.editor.insert(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
  state.compose = c
  return [saveDraft(c)]
}

func saveDraft(_ c: ComposeState) -> Effect {
  .saveDraft(id: c.draftID, patientID: c.patientID, text: c.editor.text, cursor: c.editor.cursor,
             keptOutside: c.notSaved != nil)
}

/// Ctrl-S: nothing empty, nothing with a blank placeholder; otherwise into the outbox and back to the thread.
private func send(_ c: ComposeState, _ state: inout AppState) -> [Effect] {
  let text = c.editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
  if text.isEmpty { notify("nothing to send", &state); return [] }
  if text.contains("⟦") {
    notify("fill the marked ⟦placeholders⟧ first — nothing is sent with a blank", &state)
    return []
  }
  state.compose = nil
  if let colleague = c.recordingFor {
    state.screen = c.returnTo
    notify("recorded for \(colleague.name) · it lands unread in their inbox", &state)
    return [.recordMessage(patientID: c.patientID, for: colleague.id, text: text, draftID: c.draftID)]
  }
  state.screen = .thread
  return [.sendMessage(patientID: c.patientID, text: text, draftID: c.draftID)]
}

/// `m`, the patient chosen: whom their message is for, from all staff (those who cannot be scheduled included).
func recordFor(patientID: PatientID, patientName: String, _ state: inout AppState) -> [Effect] {
  state.overlay = .staff(StaffPicker(purpose: .recordFor(patientID: patientID, patientName: patientName),
                                     includeNonSchedulable: true))
  return [.loadStaff(includeNonSchedulable: true)]
}
