import Foundation

/// A patient's message as the red-flag rules read it: sentences of words, each word as written and folded.
///
/// The text is the one the clinician sees (HTML already made text). A line break joins the lines around it, so
/// that "chest\npain" is one phrase, unless the next line opens with a capital letter, which starts a sentence
/// ("No fever\nChest pain since noon"). Sentences end at `.`, `!` and `?` (not inside "38.5"); a comma, a colon or
/// a semicolon is kept as a mark, since some context ends there.
struct ClinicalText {
  struct Word {
    /// As the patient wrote it, for the explanation of a flag.
    var written: String
    /// Lower case, accents and apostrophes gone: "Can’t" is `cant`, "Sí" is `si`.
    var folded: String
    /// A comma, colon, semicolon or dash follows it.
    var markAfter = false
    /// Its value when it is a number, in digits ("38.5" is 38) or words ("two", "dos").
    var number: Int?
  }

  var sentences: [[Word]] = []

  init(_ text: String) {
    var sentence: [Word] = []
    var word = String.UnicodeScalarView()
    var lineBreak = false
    func endWord() {
      guard !word.isEmpty else { return }
      let written = String(word)
      let folded = Self.fold(written)
      if !folded.isEmpty {
        sentence.append(Word(written: written, folded: folded, number: Self.number(folded)))
      }
      word = String.UnicodeScalarView()
    }
    func endSentence() {
      endWord()
      if !sentence.isEmpty { sentences.append(sentence) }
      sentence = []
    }
    let scalars = Array(text.unicodeScalars)
    for (i, u) in scalars.enumerated() {
      let p = u.properties
      if p.isAlphabetic || p.numericType != nil || u == "'" || u == "’" {
        if lineBreak && p.isUppercase { endSentence() }
        lineBreak = false
        word.append(u)
        continue
      }
      // "38.5" and "1,000" stay one number.
      if (u == "." || u == ","), let last = word.last, last.properties.numericType != nil,
         i + 1 < scalars.count, scalars[i + 1].properties.numericType != nil {
        word.append(u)
        continue
      }
      endWord()
      switch u {
      case ".", "!", "?", "¿", "¡": endSentence()
      case ",", ";", ":", "—", "–", "(", ")":
        if !sentence.isEmpty { sentence[sentence.count - 1].markAfter = true }
      case "\n", "\r": lineBreak = true
      default: break
      }
    }
    endSentence()
  }

  /// A word as the lexicons write it: folded for search, without apostrophes.
  static func fold(_ word: String) -> String {
    var folded = SearchFold.fold(word)
    if folded.contains(where: { $0 == "'" || $0 == "’" }) { folded.removeAll { $0 == "'" || $0 == "’" } }
    return folded
  }

  static func number(_ folded: String) -> Int? {
    if let first = folded.utf8.first, first >= 0x30 && first <= 0x39 {
      return Int(folded.prefix { $0.isASCII && $0.isNumber })
    }
    return numberWords[folded]
  }

  /// Small numbers written as words, English and Spanish ("two weeks old", "hace dos años").
  static let numberWords: [String: Int] = [
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3, "couple": 2, "several": 3,
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "unos": 3, "unas": 3, "varios": 3, "varias": 3,
  ]
}
