import Foundation
import Testing
@testable import Clinic
import FHIRMapping

/// The red-flag rules as a triage nurse reads a patient's message: a concept in the patient's words, kept only
/// when it is theirs and now; combinations; misspellings; a clinic's own phrases; and a reason for every flag.
@Suite struct RedFlagsTests {
  let flags = RedFlags.shipped

  /// Each entry of the shipped lexicons raises its concept in a sentence made of its words (a combination's
  /// entries beside a partner), so no entry is dead weight shadowed by the context rules.
  @Test func everyShippedEntryIsReachable() throws {
    let lexicon = flags.lexicon
    #expect(lexicon.entries.count > 300)
    func words(_ entry: Lexicon.Entry) -> String {
      entry.elements.compactMap { element -> String? in
        switch element {
        case .word(let w, _): w
        case .prefix(let p): p
        case .number(let range): String(range.lowerBound)
        case .gap: nil
        }
      }.joined(separator: " ")
    }
    func first(of id: String) throws -> Lexicon.Entry {
      try #require(lexicon.entries.first { lexicon.concepts[$0.concept].id == id })
    }
    for entry in lexicon.entries {
      let concept = lexicon.concepts[entry.concept]
      let text: String
      let expected: String
      if concept.isModifier {
        let user = try #require(lexicon.concepts.first { $0.onlyWith.contains { $0.modifier == concept.id } })
        text = "\(words(try first(of: user.id))) and \(words(entry))"
        expected = user.onlyWith.first { $0.modifier == concept.id }!.label
      } else if let (modifier, label) = concept.onlyWith.first {
        text = "\(words(entry)) and \(words(try first(of: modifier)))"
        expected = label
      } else {
        text = words(entry)
        expected = concept.label
      }
      #expect(flags.match(text)?.concept == expected, "\(concept.id): \(entry.text) in '\(text)'")
      #expect(entry.source != nil, "\(concept.id): \(entry.text) has no source")
    }
  }

  /// The classes the earlier keyword match missed, each written anew (not the labelled set's sentences).
  @Test(arguments: [
    ("I really don't want to be here anymore, nothing helps", "thoughts of suicide"),
    ("Everyone would be better off without me honestly", "thoughts of suicide"),
    ("Our 4 week old is burning up, 38.6 on the thermometer", "fever in a young infant"),
    ("My left side of my face is drooping and my words come out slurred", "stroke signs"),
    ("I can't catch my breath at all tonight", "trouble breathing"),
    ("Crushing pain in my chest since I got up", "chest pressure or tightness"),
    ("My lips are swelling up after the shrimp", "anaphylaxis"),
    ("It feels like a heavy weight on my chest", "chest pressure or tightness"),
    ("I've been soaking a pad every hour since noon", "heavy bleeding"),
    ("I swallowed all of my sleeping pills", "overdose or poisoning"),
    ("Nine weeks pregnant and bleeding since this morning", "bleeding in pregnancy"),
    ("Worst headache of my life, it hit me suddenly", "a sudden or worst headache"),
    ("My poop is black like tar since Monday", "bleeding from the gut"),
    ("I have a stent and this chest discomfort started an hour ago", "chest discomfort with known heart disease"),
    ("Fever since yesterday and my neck is very stiff", "fever with a stiff neck"),
    ("I want to kill myself", "thoughts of suicide"),
    ("I fainted at the store", "fainting"),
    ("I cut myself on purpose last night", "self-harm"),
    ("I have chest\npain since lunch", "chest pain"),
    ("shortnes of breath and dizzy", "trouble breathing"),
    ("Tengo un dolor muy fuerte en el pecho", "chest pain"),
    ("Mi bebé de 2 semanas tiene fiebre", "fever in a young infant"),
  ])
  func aMissedClassIsFlagged(_ text: String, _ concept: String) {
    #expect(flags.match(text)?.concept == concept, "\(text)")
  }

  /// The false alarms of the earlier keyword match: words of a red flag that are not the patient's, not now, or
  /// not meant.
  @Test(arguments: [
    "No chest pain today, only the cough",                               // negated
    "I haven't had any trouble breathing since the new inhaler",         // negated
    "The bleeding went away after an hour",                              // negated, after
    "Back in 2018 I had a seizure after a fall",                         // past
    "Years ago I felt suicidal, I'm doing well now",                     // past
    "If I get chest pain while exercising should I stop?",               // conditional
    "What should I do in case of heavy bleeding after the biopsy?",      // conditional
    "My husband has chest pain when he climbs stairs",                   // someone else
    "Mi mamá tiene dificultad para respirar desde ayer",                 // someone else
    "I'm dying to know if the results are back",                         // idiom
    "Me muero de ganas de ver a la doctora",                             // idiom
    "Can I take ibuprofen with my seizure medication?",                  // a medicine's name
    "¿Puedo tomar la medicina para las convulsiones con comida?",        // a medicine's name
  ])
  func aFalseAlarmClassStaysUnflagged(_ text: String) {
    #expect(flags.match(text) == nil, "\(text) → \(flags.match(text)?.explanation ?? "")")
  }

  @Test func aFlagSaysWhatWasFoundInWhichWordsAndWhy() throws {
    let flag = try #require(flags.match("Since 7am there is a weight on my chest."))
    #expect(flag.concept == "chest pressure or tightness")
    #expect(flag.words == "weight on my chest")
    #expect(flag.context == "now, the patient's own")
    #expect(flag.explanation == "chest pressure or tightness — now, the patient's own; words: 'weight on my chest'")
    let doubted = try #require(flags.match("I think I took too many of my pills"))
    #expect(doubted.context == "now, the patient's own, said with doubt: 'I think'")
    #expect(RedFlag(stored: flag.stored) == flag)
  }

  @Test func aClinicsOwnPhrasesAddToTheShippedOnesAndChangeTheFingerprint() throws {
    let own = RedFlags(lexicon: "# ours\nsevere headache\nvision loss*\n")
    let both = flags.adding(own)
    let flag = try #require(both.match("Severe headache and nausea"))
    #expect(flag.concept == "severe headache")
    #expect(flag.words == "Severe headache")
    #expect(both.match("I have vision losses")?.concept == "vision loss*")
    #expect(flags.match("Severe headache") == nil)
    #expect(both.fingerprint != flags.fingerprint)
    #expect(both.match("No severe headache") == nil)
    #expect(both.match("If I get a severe headache, what do I take?") == nil)
  }

  @Test func aMisspellingCountsOnlyBesideAWordWrittenRight() {
    #expect(flags.match("chset pain since noon")?.concept == "chest pain")
    #expect(flags.match("I feel suicidel")?.concept == "thoughts of suicide")
    // "painted" is one letter from "fainted", but a word on its own is matched misspelt only when long.
    #expect(flags.match("I painted the kitchen") == nil)
    #expect(flags.match("The steak was overdone") == nil)
  }
}

/// The project's labelled set (`eval/redflags/`, 318 messages, both languages, 97 held out while the rules were
/// written): the figures a triage nurse can hold the Urgent view to.
@Suite struct RedFlagSetTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("eval/redflags")

  @Test func recallAndPrecisionHoldOnTheLabelledSetInEachLanguage() throws {
    var rows: [RedFlagEvaluation.Row] = []
    for part in ["dev", "heldout"] {
      let file = try String(contentsOf: Self.folder.appendingPathComponent("\(part).tsv"), encoding: .utf8)
      rows += RedFlagEvaluation.rows(file, part: part)
    }
    #expect(rows.count >= 300)
    #expect(Set(rows.map(\.language)) == ["en", "es"])
    let result = RedFlagEvaluation(rows, flags: .shipped, prepare: HTMLText.plain)
    print(result.report)
    #expect(result.overall.recall >= 0.95 && result.overall.precision >= 0.80)
    for (language, tally) in result.byLanguage {
      #expect(tally.recall >= 0.95 && tally.precision >= 0.80, "\(language)")
    }
    // Every hard class is in the set, on both sides of the question.
    for hard in ["negated", "past", "conditional", "someone-else", "idiom", "medicine", "split", "typo"] {
      #expect((result.byClass[hard]?.count ?? 0) >= 4, "\(hard)")
    }
  }
}
