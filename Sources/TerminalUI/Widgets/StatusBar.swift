/// The bottom line: parts joined by `·`, cut to the width, each part sanitised (a notice may quote the server).
public enum StatusBar {
  public static func draw(_ parts: [String], into g: inout Grid, role: Role = .status) {
    let y = g.height - 1
    guard y >= 1 else { return }
    g.fill(y: y, role: role)
    let text = parts.filter { !$0.isEmpty }.map(Sanitizer.line).joined(separator: " · ")
    g.put(TextLayout.truncate(" " + text, to: g.width), x: 0, y: y, role: role)
  }
}
