import Templates
import TerminalUI
import Foundation

/// Ctrl-T in the compose pane: templates filtered as one types, the selected one previewed as it would be sent
/// to this patient; Enter puts it in the message (blanks marked ⟦like.this?⟧).
public struct TemplatePicker: Equatable, Sendable {
  public var filter = ""
  public var scroll = ListScroll()

  public init(filter: String = "") { self.filter = filter }

  /// Over the reply, never over the patient's words: the preview is read beside (or under) what it answers.
  static func frame(_ state: AppState) -> Rect {
    let layout = state.composeLayout
    if layout.kind == .alone { return state.bounds.centred(width: 90, height: 22) }
    return Rect(x: layout.editor.x, y: layout.editor.y, width: layout.editor.width, height: layout.editor.height)
  }

  /// The list takes a third of the box, the preview the rest.
  static func listRows(_ inside: Rect, count: Int) -> Int { min(count, max(1, inside.height / 3)) }

  func run(_ command: Command, _ c: OverlayContext) -> OverlayStep {
    var p = self
    let matches = filteredTemplates(c.config.templates, filter)
    let visible = Self.listRows(c.templatesBox.inset(1), count: matches.count)
    if move(command, &p.scroll, count: matches.count, visible: visible) { return .stay(.templates(p)) }
    switch command {
    case .deleteBack: p.filter = String(p.filter.dropLast()); p.scroll = ListScroll()
    case .cancel: return .close()
    case .accept:
      guard matches.indices.contains(scroll.selected) else { return .close() }
      return .finish(.template(matches[scroll.selected]))
    default: break
    }
    return .stay(.templates(p))
  }

  func draw(_ state: AppState, into g: inout Grid) {
    let matches = filteredTemplates(state.config.templates, filter)
    let inside = Box.draw("Templates — type to filter, Enter uses it, Esc closes", in: Self.frame(state), into: &g)
    guard inside.height > 1 else { return }
    let (field, rest) = inside.splitTop(1)
    drawFilterLine(filter, in: field, into: &g)
    if matches.isEmpty { g.put("no template matches", x: rest.x, y: rest.y, role: .dim); return }
    let (list, below) = rest.splitTop(Self.listRows(inside, count: matches.count))
    let cursor = g.cursor
    ListWidget.draw(count: matches.count, scroll: scroll, in: list, into: &g) { i in
      (matches[i].name + (matches[i].description.isEmpty ? "" : " — " + matches[i].description), .normal)
    }
    g.cursor = cursor
    // The live preview: the template filled for this patient, blanks marked ⟦like.this?⟧.
    guard matches.indices.contains(scroll.selected), let values = state.compose?.values else { return }
    let preview = TemplateRenderer.render(matches[scroll.selected].body, values: values)
    let (heading, body) = below.splitTop(2)
    let blanks = preview.problems.joined(separator: ", ")
    let title = preview.canSend ? "Preview" : "Preview — fill before sending: \(blanks)"
    g.put(TextLayout.truncate(title, to: heading.width), x: heading.x, y: heading.y + 1,
          role: preview.canSend ? .banner : .warning, maxWidth: heading.width)
    let lines = TextLayout.wrap(Sanitizer.text(preview.preview), width: body.width)
      .map { (text: $0, role: $0.contains("⟦") ? Role.warning : .normal) }
    TextView.draw(lines, in: body, into: &g)
  }
}

func filteredTemplates(_ templates: [Template], _ filter: String) -> [Template] {
  let f = filter.lowercased().trimmingCharacters(in: .whitespaces)
  guard !f.isEmpty else { return templates }
  return templates.filter { t in
    let hay = (t.name + " " + t.id + " " + t.tags.joined(separator: " ") + " " + t.description).lowercased()
    return f.split(separator: " ").allSatisfy { hay.contains($0) }
  }
}
