import Foundation
import Clinic
import TerminalUI
import Templates

/// The compose pane's keys: printable keys type; the action table's keys (Ctrl-S, Ctrl-D, Esc…) act.
func composeKey(_ key: Key, _ state: inout AppState) -> [Effect] {
  guard var c = state.compose else { state.screen = .inbox; return [] }
  if c.confirmingDiscard {
    switch key {
    case .character("y"), .character("Y"):
      state.compose = nil
      state.screen = c.returnTo
      state.status.notice = "message discarded"
      return c.draftID.map { [.deleteDraft(id: $0)] } ?? []
    default:
      c.confirmingDiscard = false
      state.compose = c
      return []
    }
  }
  var edited = true
  switch key {
  case .character(let ch): c.editor.insert(String(ch))
  case .paste(let text): c.editor.insert(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
  case .enter: c.editor.insert("\n")
  case .backspace: c.editor.backspace()
  case .delete: c.editor.deleteForward()
  case .left: c.editor.left(); edited = false
  case .right: c.editor.right(); edited = false
  case .up: c.editor.up(); edited = false
  case .down: c.editor.down(); edited = false
  case .home: c.editor.home(); edited = false
  case .end: c.editor.end(); edited = false
  default:
    edited = false
    guard let command = Command.forKey(key, on: .compose, keys: state.keys) else { return [] }
    switch command {
    case .undoEdit: c.editor.undo(); edited = true
    case .redoEdit: c.editor.redo(); edited = true
    case .wordLeft: c.editor.wordLeft()
    case .wordRight: c.editor.wordRight()
    case .externalEditor:
      state.compose = c
      return [.externalEditor(text: c.editor.text)]
    case .template:
      state.compose = c
      state.overlay = .templates(filter: "", selected: 0)
      return []
    case .help:
      state.compose = c
      state.overlay = .help(HelpOverlay(screen: .compose))
      return []
    case .keepDraft:
      state.compose = nil
      state.screen = c.returnTo
      state.status.notice = c.editor.text.isEmpty ? nil : "draft kept — it is in Drafts"
      return []
    case .discard:
      if c.editor.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        state.compose = nil
        state.screen = c.returnTo
        return c.draftID.map { [.deleteDraft(id: $0)] } ?? []
      }
      c.confirmingDiscard = true
    case .send:
      let text = c.editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
      if text.isEmpty { state.status.notice = "nothing to send"; state.compose = c; return [] }
      if text.contains("⟦") {
        state.status.notice = "fill the marked ⟦placeholders⟧ first — nothing is sent with a blank"
        state.compose = c
        return []
      }
      state.compose = nil
      state.screen = .thread
      return [.sendMessage(patientID: c.patientID, text: text, draftID: c.draftID)]
    case .quit:
      // Ctrl-C in the pane keeps the draft (already saved) and quits.
      state.quitting = true
      return [.quit]
    default: break
    }
  }
  state.compose = c
  // Every edit is in the cache at once: no crash can lose it.
  return edited ? [.saveDraft(id: c.draftID, patientID: c.patientID, text: c.editor.text, cursor: c.editor.cursor)] : []
}

/// Ctrl-T's list: type to filter, Enter puts the filled template in the message (unfilled placeholders marked).
func templateKey(_ key: Key, filter: String, selected: Int, _ state: inout AppState) -> [Effect] {
  let matches = filteredTemplates(state.templates, filter)
  switch key {
  case .escape: state.overlay = nil
  case .down, .control("n"): state.overlay = .templates(filter: filter, selected: min(selected + 1, max(0, matches.count - 1)))
  case .up, .control("p"): state.overlay = .templates(filter: filter, selected: max(0, selected - 1))
  case .backspace: state.overlay = .templates(filter: String(filter.dropLast()), selected: 0)
  case .character(let ch): state.overlay = .templates(filter: filter + String(ch), selected: 0)
  case .enter:
    state.overlay = nil
    guard matches.indices.contains(selected), var c = state.compose else { return [] }
    let rendered = TemplateRenderer.render(matches[selected].body, values: c.values)
    if c.editor.text.isEmpty { c.editor = Editor(text: rendered.preview) } else { c.editor.insert(rendered.preview) }
    state.compose = c
    if !rendered.canSend { state.status.notice = "fill \(rendered.problems.joined(separator: ", ")) before sending" }
    return [.saveDraft(id: c.draftID, patientID: c.patientID, text: c.editor.text, cursor: c.editor.cursor)]
  default: break
  }
  return []
}

func filteredTemplates(_ templates: [Template], _ filter: String) -> [Template] {
  let f = filter.lowercased().trimmingCharacters(in: .whitespaces)
  guard !f.isEmpty else { return templates }
  return templates.filter { t in
    let hay = (t.name + " " + t.id + " " + t.tags.joined(separator: " ") + " " + t.description).lowercased()
    return f.split(separator: " ").allSatisfy { hay.contains($0) }
  }
}

/// `c`'s patient search: type a name, Enter writes to the selected patient.
func patientKey(_ key: Key, query: String, results: [PatientRecord], selected: Int, _ state: inout AppState) -> [Effect] {
  switch key {
  case .escape: state.overlay = nil; return []
  case .down, .control("n"): state.overlay = .patients(query: query, results: results, selected: min(selected + 1, max(0, results.count - 1)))
  case .up, .control("p"): state.overlay = .patients(query: query, results: results, selected: max(0, selected - 1))
  case .backspace:
    let q = String(query.dropLast())
    state.overlay = .patients(query: q, results: results, selected: 0)
    return [.loadPatients(query: q)]
  case .character(let ch):
    let q = query + String(ch)
    state.overlay = .patients(query: q, results: results, selected: 0)
    return [.loadPatients(query: q)]
  case .enter:
    state.overlay = nil
    guard results.indices.contains(selected) else { return [] }
    return [.startCompose(patientID: results[selected].id, returnTo: state.screen)]
  default: break
  }
  return []
}
