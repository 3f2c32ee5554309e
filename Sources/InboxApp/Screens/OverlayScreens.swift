import Clinic
import TerminalUI
import Templates

/// Boxes drawn over the screen: help, the practitioner picker, the routing note, and the `:` line.
enum OverlayScreens {
  static func draw(_ state: AppState, into g: inout Grid) {
    switch state.overlay {
    case .help(let h)?: help(h, state, &g)
    case .picker(let p)?: picker(p, state, &g)
    case .note(let n)?: note(n, &g)
    case .confirmDiscard?:
      let r = box("Discard this failed message?", width: 66, height: 2, &g)
      guard r.h > 0 else { return }
      g.put("y discards it (its text is kept in Drafts) · any other key keeps it", x: r.x, y: r.y, role: .normal, maxWidth: r.w)
    case .commandLine(let text)?:
      let y = g.height - 1
      g.fill(y: y, role: .status)
      g.put(":" + text, x: 0, y: y, role: .status)
      g.cursor = (min(g.width - 1, CellWidth.of(text) + 1), y)
    case .templates(let filter, let selected)?:
      templates(filter, selected, state, &g)
    case .patients(let query, let results, let selected)?:
      let r = box("Write to — type a name, Enter chooses", width: 60, height: min(g.height, max(5, results.count + 3)), &g)
      guard r.h > 0 else { return }
      g.put("> " + query, x: r.x, y: r.y, role: .normal, maxWidth: r.w)
      g.cursor = (min(g.width - 1, r.x + 2 + CellWidth.of(query)), r.y)
      for (i, p) in results.prefix(max(0, r.h - 1)).enumerated() {
        let role: Role = i == selected ? .selected : .normal
        if i == selected { g.fill(y: r.y + 1 + i, x: r.x, width: r.w, role: role) }
        let name = state.privacy ? Privacy.initials(p.displayName) : Sanitizer.line(p.displayName)
        g.put(TextLayout.truncate((i == selected ? "› " : "  ") + name + (p.birthDate.map { "  born \($0)" } ?? ""), to: r.w),
              x: r.x, y: r.y + 1 + i, role: role, maxWidth: r.w)
      }
    case .search(let text)?:
      let y = g.height - 1
      g.fill(y: y, role: .status)
      g.put("/" + text, x: 0, y: y, role: .status)
      g.cursor = (min(g.width - 1, CellWidth.of(text) + 1), y)
    case nil: break
    }
  }

  /// A framed box of `height` rows centred on the screen; returns its inner rectangle.
  static func box(_ title: String, width: Int, height: Int, _ g: inout Grid) -> (x: Int, y: Int, w: Int, h: Int) {
    let w = min(width, g.width), h = min(height, g.height)
    let x = (g.width - w) / 2, y = max(0, (g.height - h) / 2)
    for row in y..<(y + h) { g.fill(y: row, x: x, width: w, role: .normal) }
    let horizontal = String(repeating: "─", count: max(0, w - 2))
    g.put("┌" + horizontal + "┐", x: x, y: y, role: .banner)
    g.put("└" + horizontal + "┘", x: x, y: y + h - 1, role: .banner)
    for row in (y + 1)..<max(y + 1, y + h - 1) {
      g.put("│", x: x, y: row, role: .banner)
      g.put("│", x: x + w - 1, y: row, role: .banner)
    }
    g.put(" " + TextLayout.truncate(title, to: max(0, w - 4)) + " ", x: x + 1, y: y, role: .banner)
    return (x + 1, y + 1, max(0, w - 2), max(0, h - 2))
  }

  static func help(_ h: HelpOverlay, _ state: AppState, _ g: inout Grid) {
    let rows = h.rows(keys: state.keys)
    let r = box("Keys — type to search, Esc closes", width: 76, height: rows.count + 4, &g)
    guard r.h > 0 else { return }
    g.put("/ " + h.filter, x: r.x, y: r.y, role: .normal, maxWidth: r.w)
    g.cursor = (min(g.width - 1, r.x + 2 + CellWidth.of(h.filter)), r.y)
    for (i, row) in rows.enumerated() where i + 1 < r.h {
      let line = TextLayout.pad(row.keys, to: 19) + " " + TextLayout.pad(row.name, to: 15) + row.help
      g.put(TextLayout.truncate(line, to: r.w), x: r.x, y: r.y + 1 + i, role: .normal, maxWidth: r.w)
    }
    if rows.isEmpty, r.h > 1 { g.put("no key matches", x: r.x, y: r.y + 1, role: .dim) }
  }

  static func picker(_ p: PickerOverlay, _ state: AppState, _ g: inout Grid) {
    let title: String
    switch p.purpose {
    case .route: title = "Route to — Tab: \(p.includeNonSchedulable ? "schedulable staff only" : "all staff")"
    case .actAs: title = "Act as — Tab: \(p.includeNonSchedulable ? "schedulable staff only" : "all staff")"
    }
    let results = p.results
    let r = box(title, width: 70, height: min(g.height, max(6, results.count + 4)), &g)
    guard r.h > 0 else { return }
    g.put("> " + p.query, x: r.x, y: r.y, role: .normal, maxWidth: r.w)
    g.cursor = (min(g.width - 1, r.x + 2 + CellWidth.of(p.query)), r.y)
    let visible = max(0, r.h - 1)
    let top = max(0, min(p.selected - visible + 1, results.count - visible))
    for i in 0..<min(visible, max(0, results.count - top)) {
      let s = results[top + i]
      let selected = top + i == p.selected
      let role: Role = selected ? .selected : .normal
      let line = (selected ? "› " : "  ") + TextLayout.pad(Sanitizer.line(s.name), to: 26) + " "
        + TextLayout.pad(s.roles.joined(separator: ","), to: 6) + " " + Sanitizer.line(s.email ?? "")
      if selected { g.fill(y: r.y + 1 + i, x: r.x, width: r.w, role: role) }
      g.put(TextLayout.truncate(line, to: r.w), x: r.x, y: r.y + 1 + i, role: role, maxWidth: r.w)
    }
    if results.isEmpty, r.h > 1 {
      g.put(p.staff.isEmpty ? "no staff cached yet — sync first" : "nobody matches", x: r.x, y: r.y + 1, role: .dim)
    }
  }

  static func templates(_ filter: String, _ selected: Int, _ state: AppState, _ g: inout Grid) {
    let matches = filteredTemplates(state.templates, filter)
    let r = box("Templates — type to filter, Enter uses it, Esc closes", width: 90, height: min(g.height, 22), &g)
    guard r.h > 1 else { return }
    g.put("> " + filter, x: r.x, y: r.y, role: .normal, maxWidth: r.w)
    g.cursor = (min(g.width - 1, r.x + 2 + CellWidth.of(filter)), r.y)
    let listHeight = min(matches.count, max(1, r.h / 3))
    for (i, t) in matches.prefix(listHeight).enumerated() {
      let role: Role = i == selected ? .selected : .normal
      if i == selected { g.fill(y: r.y + 1 + i, x: r.x, width: r.w, role: role) }
      g.put(TextLayout.truncate((i == selected ? "› " : "  ") + t.name + (t.description.isEmpty ? "" : " — " + t.description), to: r.w),
            x: r.x, y: r.y + 1 + i, role: role, maxWidth: r.w)
    }
    if matches.isEmpty { g.put("no template matches", x: r.x, y: r.y + 1, role: .dim); return }
    // The live preview: the template filled for this patient, blanks marked ⟦like.this?⟧.
    guard matches.indices.contains(selected), let values = state.compose?.values else { return }
    let preview = TemplateRenderer.render(matches[selected].body, values: values)
    let top = r.y + 2 + listHeight
    g.put(TextLayout.truncate(preview.canSend ? "Preview" : "Preview — fill before sending: \(preview.problems.joined(separator: ", "))", to: r.w),
          x: r.x, y: top - 1, role: preview.canSend ? .banner : .warning, maxWidth: r.w)
    for (i, line) in TextLayout.wrap(Sanitizer.text(preview.preview), width: r.w).prefix(max(0, r.y + r.h - top)).enumerated() {
      g.put(line, x: r.x, y: top + i, role: line.contains("⟦") ? .warning : .normal, maxWidth: r.w)
    }
  }

  static func note(_ n: NoteOverlay, _ g: inout Grid) {
    let r = box("Route to \(n.owner.name) — a note for them, Enter routes, Esc cancels", width: 70, height: 3, &g)
    guard r.h > 0 else { return }
    g.put("> " + n.text, x: r.x, y: r.y, role: .normal, maxWidth: r.w)
    g.cursor = (min(g.width - 1, r.x + 2 + CellWidth.of(n.text)), r.y)
  }
}
