import Foundation
import Testing
import FHIR
import FHIRMapping
@testable import Store

/// A cache in a fresh temporary folder, removed when the test ends.
final class TempCache {
  let dir: URL
  let store: Store
  init() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-test-\(UUID().uuidString)")
    store = try Store(path: dir.appendingPathComponent("cache/cache.sqlite").path)
  }
  deinit { try? FileManager.default.removeItem(at: dir) }
}

func communication(_ id: String, patient: String, fromPatient: Bool, staff: String = "doc", text: String,
                   sent: String, received: String? = nil) -> (Communication, JSONValue) {
  let p = Reference(reference: "Patient/\(patient)", type: "Patient")
  let s = Reference(reference: "Practitioner/\(staff)", type: "Practitioner")
  let c = Communication(id: id, status: "completed", subject: p, sent: sent, received: received,
                        recipient: [fromPatient ? s : p], sender: fromPatient ? p : s, text: text)
  let raw = try! FHIRJSON.decoder.decode(JSONValue.self, from: FHIRJSON.encoder.encode(c))
  return (c, raw)
}

@Suite struct StoreTests {
  @Test func cacheFileIsOwnerOnly() throws {
    let t = try TempCache()
    let fileMode = try FileManager.default.attributesOfItem(atPath: t.store.path)[.posixPermissions] as? Int
    let dirMode = try FileManager.default.attributesOfItem(atPath: t.dir.appendingPathComponent("cache").path)[.posixPermissions] as? Int
    #expect(fileMode == 0o600)
    #expect(dirMode == 0o700)
    #expect(try t.store.integrityCheck() == "ok")
  }

  @Test func notADatabaseIsAClearError() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clinbox-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("junk.sqlite").path
    try Data(String(repeating: "this is not sqlite ", count: 100).utf8).write(to: URL(fileURLWithPath: path))
    #expect { try Store(path: path) } throws: { "\($0)".contains("not a clinbox cache") }
  }

  @Test func pagesAreNewestFirstAndViewsFilter() throws {
    let t = try TempCache()
    try t.store.transaction { cache in
      for i in 0..<30 {
        let (c, raw) = communication("m\(i)", patient: "p\(i % 3)", fromPatient: i % 2 == 0, text: "message \(i)",
                                     sent: String(format: "2026-11-%02dT10:00:00Z", 1 + i % 28) ,
                                     received: i % 4 == 0 ? "2026-11-28T10:00:00Z" : nil)
        try cache.upsert(SyncedMessage(c, raw: raw)!)
      }
    }
    let all = try t.store.messages(MessageQuery(), offset: 0, limit: 10)
    #expect(all.count == 10)
    #expect(zip(all, all.dropFirst()).allSatisfy { ($0.sent ?? .distantPast) >= ($1.sent ?? .distantPast) })
    #expect(try t.store.count(MessageQuery()) == 30)
    // Unread: from a patient, no `received`: even i with i % 4 != 0.
    #expect(try t.store.count(MessageQuery(view: .unread)) == 7)
    #expect(try t.store.count(MessageQuery(view: .unread, me: "doc")) == 7)
    #expect(try t.store.count(MessageQuery(view: .unread, me: "other")) == 0)
    #expect(try t.store.count(MessageQuery(view: .sent, me: "doc")) == 15)
    #expect(try t.store.count(MessageQuery(patientID: "p1")) == 10)
    // The sidebar's single-pass counts agree with counting each view.
    let counts = try t.store.viewCounts(me: "doc")
    for v in InboxView.sidebar { #expect(counts[v] == (try t.store.count(MessageQuery(view: v, me: "doc"))), "\(v)") }
    let second = try t.store.messages(MessageQuery(), offset: 10, limit: 10)
    #expect(Set(all.map(\.id)).isDisjoint(with: second.map(\.id)))
  }

  @Test func upsertReplacesByIdAndThreadIsOldestFirst() throws {
    let t = try TempCache()
    try t.store.transaction { cache in
      for (id, sent) in [("a", "2026-11-03T10:00:00Z"), ("b", "2026-11-01T10:00:00Z"), ("c", "2026-11-02T10:00:00Z")] {
        let (c, raw) = communication(id, patient: "p", fromPatient: true, text: "text \(id)", sent: sent)
        try cache.upsert(SyncedMessage(c, raw: raw)!)
      }
      // The server now says "a" was read in Canvas.
      let (c, raw) = communication("a", patient: "p", fromPatient: true, text: "text a", sent: "2026-11-03T10:00:00Z",
                                   received: "2026-11-04T10:00:00Z")
      try cache.upsert(SyncedMessage(c, raw: raw)!)
    }
    let thread = try t.store.thread(patientID: "p")
    #expect(thread.map(\.id) == ["b", "c", "a"])
    #expect(thread.last?.unread == false)
    #expect(thread.first?.unread == true)
    #expect(try t.store.counts().messages == 3)
    #expect(try t.store.rawMessage(id: "a")?.contains("\"received\"") == true)
  }

  @Test func htmlBodiesAreStoredAsPlainText() throws {
    let t = try TempCache()
    try t.store.transaction { cache in
      let (c, raw) = communication("h", patient: "p", fromPatient: false,
                                   text: "<p>Hello,</p><p>Your <b>A1c</b> is 6.8&nbsp;%<br>See you &amp; bye</p>", sent: "2026-11-03T10:00:00Z")
      try cache.upsert(SyncedMessage(c, raw: raw)!)
    }
    #expect(try t.store.messageText(id: "h") == "Hello,\n\nYour A1c is 6.8 %\nSee you & bye")
    #expect(try t.store.rawMessage(id: "h")?.contains("<b>A1c</b>") == true)
  }

  @Test func patientRecordsAndAge() throws {
    let t = try TempCache()
    var p = FHIR.Patient(id: "p1", name: [HumanName(use: "official", family: "李", given: ["小龙"]),
                                          HumanName(use: "nickname", given: ["Bruce"])], birthDate: "1980-11-13")
    // A generic R4 server's MRN: typed MR, its own system — beside another identifier.
    let mr = CodeableConcept(coding: [Coding(system: Identifier.typeSystem, code: "MR")])
    p.identifier = [Identifier(system: "urn:oid:2.16.840.1.113883.4.1", value: "123-45-6789"),
                    Identifier(use: "usual", type: mr, system: "urn:example:hospital", value: "MRN-77")]
    try t.store.transaction { cache in
      try cache.upsert(SyncedPatient(p, raw: .object([:]))!)
    }
    let r = try #require(try t.store.patient(id: "p1"))
    #expect(r.displayName == "李小龙")
    #expect(r.preferredName == "Bruce")
    #expect(r.mrn == "MRN-77", "the identifier typed MR, not the first one")
    #expect(r.age(on: Instant.parse("2026-11-12T00:00:00Z")!) == 45)
    #expect(r.age(on: Instant.parse("2026-11-13T00:00:00Z")!) == 46)
  }
}

@Suite struct HTMLTextTests {
  @Test func plainTextIsLeftAlone() {
    #expect(HTMLText.plain("BP < 120 and take <5 mg & rest") == "BP < 120 and take <5 mg & rest")
    #expect(HTMLText.plain("line one\r\nline two") == "line one\nline two")
  }

  @Test func tagsEntitiesAndBreaks() {
    #expect(HTMLText.plain("<div>Please bring:</div><ul><li>a</li><li>b</li></ul>") == "Please bring:\n\n• a\n• b")
    #expect(HTMLText.plain("a<br>b<br/>c") == "a\nb\nc")
    #expect(HTMLText.plain("<p>x &lt;y&gt; &#39;z&#39; &#x1F600;</p>") == "x <y> 'z' 😀")
    #expect(HTMLText.plain("<style>p{color:red}</style><script>alert(1)</script><p>kept</p>") == "kept")
    #expect(HTMLText.plain("<!-- a > b --><p>after</p>") == "after")
  }

  @Test func anEntityIsStoredAsTheCharacterItNames() {
    // Nothing the server sent is lost: `&#27;` is ESC in the stored text. That it is inert on screen is
    // FrameTests.anEntityThatDecodesToAnEscapeIsShownInert.
    #expect(HTMLText.plain("<p>&#27;[2J</p>") == "\u{1B}[2J")
  }
}

@Suite struct PagingTests {
  @Test func pagesReadFromEitherEndAgree() throws {
    let t = try TempCache()
    try t.store.transaction { cache in
      for i in 0..<257 {
        let (c, raw) = communication("m\(i)", patient: "p\(i % 5)", fromPatient: true, text: "message \(i)",
                                     sent: Instant.format(Date(timeIntervalSince1970: 1_700_000_000 + Double(i / 2) * 60)))
        try cache.upsert(SyncedMessage(c, raw: raw)!)
      }
    }
    let q = MessageQuery()
    for offset in [0, 10, 100, 128, 129, 200, 250, 256] {
      let forward = try t.store.messages(q, offset: offset, limit: 20)
      let fromEnd = try t.store.messages(q, offset: offset, limit: 20, total: 257)
      #expect(forward.map(\.id) == fromEnd.map(\.id), "offset \(offset)")
    }
  }
}

@Suite struct SearchTests {
  @Test func findsTextInAnyScriptAndPatientNames() throws {
    let t = try TempCache()
    try t.store.transaction { cache in
      let texts = ["Could you refill my metformin?", "我的药快吃完了，可以帮我续药吗？", "Results are normal", "AND OR NOT \"quotes\""]
      for (i, text) in texts.enumerated() {
        let (c, raw) = communication("m\(i)", patient: "p\(i)", fromPatient: true, text: text, sent: "2026-11-0\(i + 1)T10:00:00Z")
        try cache.upsert(SyncedMessage(c, raw: raw)!)
      }
      let zoe = FHIR.Patient(id: "p2", name: [HumanName(use: "official", family: "Müller", given: ["Zoë"])])
      try cache.upsert(SyncedPatient(zoe, raw: .object([:]))!)
    }
    func ids(_ q: String) throws -> [MessageID] {
      try t.store.messages(MessageQuery(search: q), offset: 0, limit: 10).map(\.id).sorted()
    }
    #expect(try ids("refill") == ["m0"])
    #expect(try ids("METFORMIN") == ["m0"])
    #expect(try ids("续药") == ["m1"], "two CJK characters fall back to LIKE")
    #expect(try ids("快吃完") == ["m1"])
    #expect(try ids("Müller") == ["m2"], "the patient's name")
    #expect(try ids("AND OR") == ["m3"], "query syntax is just text")
    #expect(try ids("\"") == ["m3"])
    #expect(try t.store.count(MessageQuery(search: "refill")) == 1)
    #expect(try ids("metformin refill") == ["m0"], "words in any order")
    #expect(try ids("refill Müller").isEmpty, "every word must match")
    #expect(try ids("\"refill my\"") == ["m0"], "a quoted phrase")
    #expect(try ids("\"my refill\"").isEmpty, "a phrase keeps its order")
    #expect(try ids("Zoë normal") == ["m2"], "a name and a word of the text")
    #expect(try ids("NOT \"quotes") == ["m3"], "query syntax is words; an unclosed quote runs to the end")
    #expect(try ids("NEAR( quotes* ^or") .isEmpty, "FTS syntax is searched for as text, and is not there")
    // Field words narrow as notmuch users know them, with the words around them.
    #expect(try ids("from:Müller") == ["m2"], "from the patient, by name")
    #expect(try ids("to:Zoë").isEmpty, "nothing was written to her")
    #expect(try ids("is:unread refill") == ["m0"], "unread, with the word")
    #expect(try ids("date:2026-11-02") == ["m1"], "one day")
    #expect(try ids("date:2026-11-02..2026-11-03") == ["m1", "m2"], "a range, both ends in")
    #expect(try ids("date:..2026-11-01") == ["m0"], "an open start")
    #expect(try ids("is:done").isEmpty)
    #expect(try ids("is:whatever").isEmpty, "an unknown field word is searched as text, and is not there")
    // Edits reach the index.
    try t.store.transaction { cache in
      let (c, raw) = communication("m0", patient: "p0", fromPatient: true, text: "Never mind", sent: "2026-11-01T10:00:00Z")
      try cache.upsert(SyncedMessage(c, raw: raw)!)
    }
    #expect(try ids("refill").isEmpty)
  }
}

@Suite struct DraftTests {
  @Test func draftsAreOnlyInTheDraftsViewAndTheirThread() throws {
    let t = try TempCache()
    try t.store.transaction { cache in
      let (c, raw) = communication("m1", patient: "p1", fromPatient: true, text: "hello", sent: "2026-11-01T10:00:00Z")
      try cache.upsert(SyncedMessage(c, raw: raw)!)
    }
    let id = try t.store.saveDraft(id: nil, patientID: "p1", from: "doc", text: "Dear…", cursor: 4, at: Date())
    #expect(try t.store.count(MessageQuery(view: .all)) == 1)
    #expect(try t.store.viewCounts(me: "doc")[.all] == 1)
    #expect(try t.store.count(MessageQuery(view: .drafts)) == 1)
    #expect(try t.store.count(MessageQuery(view: .sent, me: "doc")) == 0)
    #expect(try t.store.thread(patientID: "p1").count == 2)
    #expect(try t.store.draft(forPatient: "p1")?.cursor == 4)
    try t.store.deleteDraft(id)
    #expect(try t.store.count(MessageQuery(view: .drafts)) == 0)
  }
}

@Suite struct ChangeWatchTests {
  @Test func aCommitOfAnotherConnectionIsNoticed() throws {
    let t = try TempCache()
    let watch = try ChangeWatch(t.store)
    #expect(!watch.changed(), "nothing seen before the first look")
    #expect(!watch.changed(), "and nothing committed since")
    // Another process's connection to the same file.
    let other = try Store(path: t.store.path)
    try other.setSyncValue("written", "elsewhere")
    #expect(watch.changed(), "a commit elsewhere is noticed")
    #expect(!watch.changed())
  }
}

/// The cache's observation speaks when what the screens show changed, and only then.
@Suite struct ObservationTests {
  @Test func anUnchangedPageIsNotAChange() throws {
    let t = try TempCache()
    final class Count: @unchecked Sendable { var n = 0 }
    let changes = Count()
    let token = try t.store.observeShownChanges { changes.n += 1 }
    let (c, raw) = communication("m1", patient: "p1", fromPatient: true, text: "hello", sent: "2026-11-01T10:00:00Z")
    try t.store.transaction { try $0.upsert(SyncedMessage(c, raw: raw)!) }
    #expect(changes.n == 1, "a new message is a change")
    try t.store.transaction { try $0.upsert(SyncedMessage(c, raw: raw)!) }
    #expect(changes.n == 1, "the same message again is not")
    try t.store.transaction { try $0.setSyncValue("mark", "x") }
    #expect(changes.n == 1, "sync's bookkeeping is not")
    withExtendedLifetime(token) {}
  }
}
