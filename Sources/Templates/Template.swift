import Foundation

/// A message template: a short header (name, description, tags) over a body with `{{placeholders}}`.
///
/// ```
/// name: Appointment reminder
/// description: Reminds a patient of a visit
/// tags: appointment, reminder
/// ---
/// Hello {{patient.preferred_name}}, …
/// ```
/// A template's id is its file name without `.mustache`.
public struct Template: Equatable, Sendable {
  public var id: String
  public var name: String
  public var description: String
  public var tags: [String]
  public var body: String

  public init(id: String, text: String) {
    self.id = id
    var name = id, description = "", tags: [String] = []
    var body = text
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if let end = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }), end < 12 {
      for line in lines[..<end] {
        let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { continue }
        switch parts[0].lowercased() {
        case "name": name = parts[1]
        case "description": description = parts[1]
        case "tags": tags = parts[1].split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        default: break
        }
      }
      body = lines[(end + 1)...].joined(separator: "\n")
    }
    self.name = name; self.description = description; self.tags = tags
    self.body = body.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// The result of filling a template: the text, and what could not be filled. A message with problems is
/// never sent: an unknown or empty placeholder would reach the patient as a blank.
public struct RenderedTemplate: Equatable, Sendable {
  public var text: String
  /// Placeholders that are unknown or empty, in order of appearance.
  public var problems: [String]
  /// The text with each problem shown in place as `⟦name?⟧`, for the preview.
  public var preview: String
  public var canSend: Bool { problems.isEmpty }
}

/// Fills `{{name}}` placeholders (Mustache's variable tags; `{{{name}}}` is the same here, since messages are
/// plain text) from a flat table of values.
public enum TemplateRenderer {
  public static func render(_ body: String, values: [String: String]) -> RenderedTemplate {
    var text = "", preview = ""
    var problems: [String] = []
    var rest = Substring(body)
    while let open = rest.range(of: "{{") {
      text += rest[..<open.lowerBound]
      preview += rest[..<open.lowerBound]
      let afterOpen = rest[open.upperBound...]
      guard let close = afterOpen.range(of: "}}") else {
        // An unclosed tag is text, and a problem: the author meant something.
        problems.append(String(rest[open.lowerBound...]))
        text += rest[open.lowerBound...]
        preview += rest[open.lowerBound...]
        rest = ""
        break
      }
      var key = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      var after = afterOpen[close.upperBound...]
      if key.hasPrefix("{"), after.hasPrefix("}") { key.removeFirst(); after = after.dropFirst() }
      key = key.trimmingCharacters(in: .whitespaces)
      if let value = values[key], !value.trimmingCharacters(in: .whitespaces).isEmpty {
        text += value
        preview += value
      } else {
        if !problems.contains(key) { problems.append(key) }
        preview += "⟦\(key)?⟧"
      }
      rest = after
    }
    text += rest
    preview += rest
    return RenderedTemplate(text: text, problems: problems, preview: preview)
  }
}
