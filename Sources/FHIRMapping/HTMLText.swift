/// Message bodies in Canvas are HTML since the 2022 letter-template release; older ones are plain text
/// (reference §4.1). clinbox stores and shows plain text: tags stripped, entities decoded, `<br>`, `<p>`,
/// `<div>` and `<li>` as line breaks, `<script>`/`<style>` dropped whole.
import Foundation

public enum HTMLText {
  /// Whether `text` looks like HTML: a tag opener (`<p`, `</`, `<!`) with a closing `>` after it.
  /// "BP < 120" and "take <5 mg" stay plain text.
  public static func looksLikeHTML(_ text: String) -> Bool {
    var it = text.unicodeScalars.makeIterator()
    var sawOpen = false
    while let c = it.next() {
      if sawOpen {
        if c == ">" { return true }
        continue
      }
      if c == "<", let n = it.next(), n.properties.isAlphabetic || n == "/" || n == "!" {
        sawOpen = true
      }
    }
    return false
  }

  /// The plain text of a body: HTML converted when it looks like HTML, line endings normalised.
  public static func plain(_ body: String) -> String {
    let text = looksLikeHTML(body) ? convert(body) : body
    return normaliseLines(text)
  }

  static let breakingTags: Set<String> = ["br", "p", "/p", "div", "/div", "tr", "/tr", "h1", "/h1",
                                          "h2", "/h2", "h3", "/h3", "h4", "/h4", "ul", "/ul", "ol", "/ol",
                                          "blockquote", "/blockquote", "hr", "pre", "/pre", "table", "/table"]

  static func convert(_ html: String) -> String {
    var out = ""
    out.reserveCapacity(html.utf8.count)
    let s = Array(html.unicodeScalars)
    var i = 0
    var skipUntil: String? = nil       // inside <script> or <style>
    while i < s.count {
      let c = s[i]
      if c == "<" {
        // Find the end of the tag; a lone "<" with no ">" is text.
        guard let end = s[i...].firstIndex(of: ">") else {
          if skipUntil == nil { out.unicodeScalars.append(c) }
          i += 1; continue
        }
        let inner = String(String.UnicodeScalarView(s[(i + 1)..<end]))
        i = end + 1
        if inner.hasPrefix("!--") {
          // A comment may contain ">": skip to "-->".
          if !inner.hasSuffix("--") {
            var j = i
            while j + 2 < s.count, !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
            i = min(s.count, j + 3)
          }
          continue
        }
        let name = tagName(inner)
        if let stop = skipUntil {
          if name == stop { skipUntil = nil }
          continue
        }
        if name == "script" || name == "style" { skipUntil = "/" + name; continue }
        if name == "li" { if !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }; out += "• "; continue }
        if name == "/li" { continue }
        if breakingTags.contains(name) {
          if name == "p" || name == "/p" || name == "div" || name == "/div" {
            if !out.isEmpty, !out.hasSuffix("\n\n") { out += out.hasSuffix("\n") ? "\n" : "\n\n" }
          } else {
            out += "\n"
          }
        }
        continue
      }
      if skipUntil != nil { i += 1; continue }
      if c == "&" {
        if let (decoded, len) = entity(at: i, in: s) {
          out += decoded; i += len; continue
        }
      }
      // Whitespace in HTML source collapses; line breaks come from tags.
      if c == "\n" || c == "\r" || c == "\t" {
        if !out.hasSuffix(" ") && !out.hasSuffix("\n") && !out.isEmpty { out += " " }
        i += 1; continue
      }
      out.unicodeScalars.append(c)
      i += 1
    }
    return out
  }

  static func tagName(_ inner: String) -> String {
    var name = ""
    for ch in inner.lowercased().unicodeScalars {
      if ch == " " || ch == "\t" || ch == "\n" || ch == ">" || (ch == "/" && !name.isEmpty) { break }
      name.unicodeScalars.append(ch)
    }
    return name
  }

  static let named: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
    "hellip": "…", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "copy": "©", "reg": "®",
    "deg": "°", "middot": "·", "bull": "•", "eacute": "é", "egrave": "è", "uuml": "ü", "ouml": "ö",
    "auml": "ä", "szlig": "ß", "ntilde": "ñ", "ccedil": "ç", "times": "×", "frac12": "½", "plusmn": "±",
    "micro": "µ", "euro": "€", "pound": "£", "trade": "™",
  ]

  /// Decodes `&name;`, `&#123;` or `&#x1F600;` at `i`; returns the text and the length consumed.
  static func entity(at i: Int, in s: [Unicode.Scalar]) -> (String, Int)? {
    var j = i + 1
    var body = ""
    while j < s.count, j - i <= 12, s[j] != ";" {
      body.unicodeScalars.append(s[j]); j += 1
    }
    guard j < s.count, s[j] == ";", !body.isEmpty else { return nil }
    let len = j - i + 1
    if body.hasPrefix("#") {
      let digits = body.dropFirst()
      let value = digits.hasPrefix("x") || digits.hasPrefix("X")
        ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
      // Out-of-range or surrogate numbers become U+FFFD, as browsers do.
      guard let v = value else { return nil }
      return (String(Unicode.Scalar(v).map(Character.init) ?? "\u{FFFD}"), len)
    }
    guard let v = named[body] ?? named[body.lowercased()] else { return nil }
    return (v, len)
  }

  /// CRLF and CR become LF; trailing spaces on lines and runs of blank lines are trimmed.
  static func normaliseLines(_ text: String) -> String {
    let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    var lines: [Substring] = []
    var blank = 0
    for line in unified.split(separator: "\n", omittingEmptySubsequences: false) {
      var l = line
      while let last = l.last, last == " " || last == "\t" { l.removeLast() }
      if l.isEmpty { blank += 1; if blank > 1 { continue } } else { blank = 0 }
      lines.append(l)
    }
    while let f = lines.first, f.isEmpty { lines.removeFirst() }
    while let l = lines.last, l.isEmpty { lines.removeLast() }
    return lines.joined(separator: "\n")
  }
}
