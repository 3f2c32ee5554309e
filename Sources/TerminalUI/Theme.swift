import Foundation

/// How each role looks: colours and attributes. Themes are TOML files (`themes/`); a terminal shows what it
/// can: true colours become the nearest of its 256 or 8 colours, and `NO_COLOR` keeps only attributes.
public struct Theme: Equatable, Sendable {
  public struct Style: Equatable, Sendable {
    public var fg: Color = .default
    public var bg: Color = .default
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false
    public init(fg: Color = .default, bg: Color = .default, bold: Bool = false, dim: Bool = false,
                reverse: Bool = false, underline: Bool = false) {
      self.fg = fg; self.bg = bg; self.bold = bold; self.dim = dim; self.reverse = reverse; self.underline = underline
    }
  }

  public enum Color: Equatable, Sendable {
    case `default`
    /// One of the 16 ANSI colours (0–7, and 8–15 bright).
    case ansi(Int)
    /// An index of the 256-colour palette.
    case palette(Int)
    case rgb(Int, Int, Int)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `default`, `red`, `bright-blue`, `color123`, `#1f5fbf`.
    public static func parse(_ text: String) -> Color? {
      let t = text.lowercased().trimmingCharacters(in: .whitespaces)
      if t == "default" || t.isEmpty { return .default }
      if let i = names.firstIndex(of: t) { return .ansi(i) }
      if t.hasPrefix("bright-"), let i = names.firstIndex(of: String(t.dropFirst(7))) { return .ansi(i + 8) }
      if t.hasPrefix("color"), let n = Int(t.dropFirst(5)), (0...255).contains(n) { return .palette(n) }
      if t.hasPrefix("#"), t.count == 7,
         let v = Int(t.dropFirst(), radix: 16) { return .rgb(v >> 16, (v >> 8) & 0xFF, v & 0xFF) }
      return nil
    }

    /// The colour a terminal with `colors` colours can show: -1 for the terminal's own.
    public func index(colors: Int) -> Int {
      switch self {
      case .default: return -1
      case .ansi(let i): return colors >= 16 ? i : i % 8
      case .palette(let n):
        if colors >= 256 { return n }
        return Color.rgb(Self.paletteRGB(n)).index(colors: colors)
      case .rgb(let r, let g, let b):
        if colors >= 256 {
          // The 6×6×6 cube of the 256 palette.
          func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
          return 16 + 36 * level(r) + 6 * level(g) + level(b)
        }
        // Nearest of the 8 basic colours, by which channels are strong.
        let bits = (r > 127 ? 1 : 0) | (g > 127 ? 2 : 0) | (b > 127 ? 4 : 0)
        return bits
      }
    }

    static func paletteRGB(_ n: Int) -> (Int, Int, Int) {
      if n < 16 { let c = n % 8; let v = n >= 8 ? 255 : 170; return (c & 1 != 0 ? v : 0, c & 2 != 0 ? v : 0,
                                                                     c & 4 != 0 ? v : 0) }
      if n >= 232 { let v = 8 + (n - 232) * 10; return (v, v, v) }
      let i = n - 16
      func v(_ x: Int) -> Int { x == 0 ? 0 : 55 + x * 40 }
      return (v(i / 36), v(i / 6 % 6), v(i % 6))
    }

    public static func rgb(_ t: (Int, Int, Int)) -> Color { .rgb(t.0, t.1, t.2) }
  }

  public var name: String
  public var styles: [Role: Style]

  public init(name: String, styles: [Role: Style]) { self.name = name; self.styles = styles }

  public func style(_ role: Role) -> Style { styles[role] ?? Style() }

  /// Used when no theme is chosen or the chosen one has an error; the same as `themes/default.toml`.
  public static let fallback = Theme(name: "default", styles: [
    .selected: Style(fg: .ansi(7), bg: .palette(25)),
    .selectedUnread: Style(fg: .ansi(15), bg: .palette(25), bold: true),
    .unread: Style(bold: true),
    .header: Style(fg: .ansi(0), bg: .palette(250), bold: true),
    .status: Style(fg: .ansi(0), bg: .palette(250)),
    .dim: Style(dim: true),
    .banner: Style(fg: .palette(75), bold: true),
    .warning: Style(fg: .palette(214), bold: true),
    .alarm: Style(fg: .palette(196), bold: true),
  ])

  /// The theme as text, one role a line: what frame tests compare.
  public var summary: [String] {
    Role.allCases.map { role in
      let s = style(role)
      var attrs = [String]()
      if s.bold { attrs.append("bold") }
      if s.dim { attrs.append("dim") }
      if s.reverse { attrs.append("reverse") }
      if s.underline { attrs.append("underline") }
      return "\(role): fg \(s.fg.index(colors: 256)) bg \(s.bg.index(colors: 256)) / 8-colour fg "
          + "\(s.fg.index(colors: 8)) bg \(s.bg.index(colors: 8))"
        + (attrs.isEmpty ? "" : " " + attrs.joined(separator: "+"))
    }
  }
}
