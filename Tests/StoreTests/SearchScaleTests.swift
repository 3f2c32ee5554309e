import Foundation
import Testing
import FHIR
import FHIRMapping
@testable import Store

/// Search over a view larger than the walk that finds a common word's first pages: the common word is paged from
/// the walk, a rare one from the trigram index, and both give every hit, newest first, accents and case folded.
@Suite struct SearchScaleTests {
  static let size = 2_500

  /// `indexed`: the texts moved into the trigram index, as after a sync; else still waiting, as during one.
  func cache(indexed: Bool) throws -> TempCache {
    let t = try TempCache()
    let special = [7: "Chloé's résumé, and a 🩺 for the stethoscope", 2_400: "MÜLLER called about 頭痛 and 痛み",
                   2_401: "สวัสดีครับ หมอ", 2_402: "<p>Side effects: <b>nausea</b></p>",
                   2_404: "Take 50% of the dose at bed_time", 2_405: "Please re\u{AD}fill the in\u{200B}haler"]
    try t.store.transaction { cache in
      for i in 0..<Self.size {
        let text = special[i] ?? (i % 3 == 0 ? "Please refill my prescription #\(i)" : "Labs look fine #\(i)")
        let (c, raw) = communication(String(format: "m%04d", i), patient: "p\(i % 10)", fromPatient: true, text: text,
                                     sent: Instant.format(Date(timeIntervalSince1970: 1_790_000_000 + Double(i) * 60)))
        try cache.upsert(SyncedMessage(c, raw: raw)!)
      }
      let chloe = FHIR.Patient(id: "p5", name: [HumanName(use: "official", family: "Dubois", given: ["Chloé"])])
      try cache.upsert(SyncedPatient(chloe, raw: .object([:]))!)
    }
    if indexed { #expect(try t.store.indexPendingSearch(batch: 1_000) == Self.size) }
    #expect(try t.store.searchPendingCount() == (indexed ? 0 : Self.size))
    return t
  }

  @Test(arguments: [false, true])
  func aCommonWordIsPagedNewestFirstAndCountedWhole(indexed: Bool) throws {
    let t = try cache(indexed: indexed)
    let refill = MessageQuery(view: .all, me: "doc", search: "refill")
    let expected = (0..<Self.size).reversed().filter { $0 % 3 == 0 && $0 != 2_400 || $0 == 2_405 }
      .map { MessageID(rawValue: String(format: "m%04d", $0)) }
    // A draft is only in Drafts: it is not counted in All, however the count is made.
    _ = try t.store.saveDraft(id: nil, patientID: "p1", from: "doc", text: "About your refill…", cursor: 0,
                              at: Date())
    #expect(try t.store.count(refill) == expected.count)
    #expect(try t.store.count(MessageQuery(view: .drafts, search: "refill")) == 1)
    #expect(try t.store.messages(refill, offset: 0, limit: 200).map(\.id) == Array(expected.prefix(200)))
    #expect(try t.store.messages(refill, offset: 200, limit: 200).map(\.id) == Array(expected[200..<400]))
    #expect(try t.store.messages(refill, offset: 800, limit: 200).map(\.id) == Array(expected[800...]))
    #expect(try t.store.position(ofMessage: expected[321], in: refill) == 321)
  }

  @Test(arguments: [false, true])
  func accentsCaseAndScriptsAreFolded(indexed: Bool) throws {
    let t = try cache(indexed: indexed)
    func ids(_ q: String) throws -> [MessageID] {
      try t.store.messages(MessageQuery(view: .all, me: "doc", search: q), offset: 0, limit: 300)
        .map(\.id)
    }
    #expect(try ids("resume") == ["m0007"], "résumé without its accents, found by the index (a rare word)")
    #expect(try ids("RÉSUMÉ") == ["m0007"])
    #expect(try ids("muller") == ["m2400"], "Müller written in capitals, found as muller")
    #expect(try ids("頭痛") == ["m2400"], "two CJK characters, no spaces")
    #expect(try ids("痛み") == ["m2400"])
    #expect(try ids("🩺") == ["m0007"], "an emoji")
    #expect(try ids("สวัสดี") == ["m2401"], "Thai keeps its vowel signs")
    #expect(try ids("nausea") == ["m2402"], "an HTML body is searched as its text")
    #expect(try ids("<b>").isEmpty, "not as its markup")
    // Chloe without the accent: the message that names her, and every message of the patient named Chloé.
    let chloe = try ids("chloe")
    #expect(chloe.count == 1 + Self.size / 10)
    #expect(chloe.contains("m0007"))
    #expect(try ids("from:chloe").count == Self.size / 10, "from: folds too")
    // A message changed after it was indexed is found by its new words only, before and after indexing again.
    try t.store.transaction { cache in
      let (c, raw) = communication("m0007", patient: "p7", fromPatient: true, text: "Curriculum vitae attached",
                                   sent: Instant.format(Date(timeIntervalSince1970: 1_790_000_420)))
      try cache.upsert(SyncedMessage(c, raw: raw)!)
    }
    #expect(try ids("resume").isEmpty)
    #expect(try ids("curriculum") == ["m0007"])
    try t.store.indexPendingSearch()
    #expect(try ids("resume").isEmpty)
    #expect(try ids("curriculum") == ["m0007"])
    #expect(try t.store.count(MessageQuery(view: .all, me: "doc", search: "curriculum")) == 1)
  }

  /// A query is text, whatever it holds: SQL, FTS syntax and LIKE's wildcards find only messages holding them.
  @Test(arguments: [false, true])
  func aHostileQueryIsText(indexed: Bool) throws {
    let t = try cache(indexed: indexed)
    for q in ["\"'; DROP TABLE message; --", "message_ft MATCH *", "%_%", String(repeating: "\"", count: 99),
              "NEAR(a b)"] {
      #expect(try t.store.messages(MessageQuery(search: q), offset: 0, limit: 50).isEmpty, "nothing holds \(q)")
      #expect(try t.store.count(MessageQuery(search: q)) == 0)
    }
    // Stacked accents fold away like any accent: the letter's own search.
    #expect(try t.store.count(MessageQuery(search: "é\u{301}\u{301}\u{301}")) == t.store.count(MessageQuery(search: "e")))
    // Control characters alone are no query: the view as it is.
    #expect(try t.store.count(MessageQuery(view: .all, me: "doc", search: "\u{0}\u{7}")) == Self.size)
    // `%` and `_` are themselves, not LIKE's wildcards: each finds the one message that holds it.
    for q in ["%", "_", "50%", "bed_time"] {
      #expect(try t.store.messages(MessageQuery(search: q), offset: 0, limit: 50).map(\.id) == ["m2404"], "\(q)")
      #expect(try t.store.count(MessageQuery(view: .all, me: "doc", search: q)) == 1, "\(q)")
    }
    #expect(try t.store.count(MessageQuery(view: .all, me: "doc")) == Self.size)
  }

  /// A soft hyphen or a zero-width space inside a word hides nothing: the word is found as it reads.
  @Test(arguments: [false, true])
  func invisibleCharactersDoNotHideAWord(indexed: Bool) throws {
    let t = try cache(indexed: indexed)
    #expect(try t.store.messages(MessageQuery(search: "inhaler"), offset: 0, limit: 50).map(\.id) == ["m2405"])
    #expect(try t.store.count(MessageQuery(view: .all, me: "doc", search: "refill the inhaler")) == 1)
  }
}
