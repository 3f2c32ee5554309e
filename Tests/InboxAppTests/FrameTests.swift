import Foundation
import Testing
import Clinic
import TestClinic
import TerminalUI
@testable import InboxApp

@Suite struct FrameTests {
  @Test func inboxAt100x12() {
    var s = Fixtures.state(width: 100, height: 12)
    _ = reduce(&s, .key(.character("j")))
    assertSnapshot(render(s).snapshot, named: "inbox-100x12")
  }

  @Test func aPreviewFoldsLineBreaksAndUnsentMessagesSayWhatTheyAre() {
    var draft = Fixtures.message(7, patient: "p3", name: "Ana Costa", fromPatient: false, text: "Lab results in", minutesAgo: 30)
    draft.serverState = .draftInCanvas
    var later = Fixtures.message(8, patient: "p3", name: "Ana Costa", fromPatient: false, text: "See you tomorrow", minutesAgo: -600)
    later.serverState = .scheduled
    let rows = [later, Fixtures.message(6, patient: "p1", name: "Zoë Müller", fromPatient: true, text: "Hello,\nI have chest pain",
                                        minutesAgo: 1, unread: true), draft]
    let lines = render(Fixtures.state(width: 120, height: 8, messages: rows)).lines
    #expect(lines[1].hasPrefix("◷ ") && lines[1].contains("scheduled for 2026-11-18 21:06: See you tomorrow"), "\(lines[1])")
    #expect(lines[2].contains("Hello, I have chest pain"), "both lines in the preview: \(lines[2])")
    #expect(lines[3].hasPrefix("✎ ") && lines[3].contains("draft in Canvas: Lab results in"), "\(lines[3])")
  }

  @Test func inboxAt40x10IsUsable() {
    let s = Fixtures.state(width: 40, height: 10)
    let g = render(s)
    assertSnapshot(g.snapshot, named: "inbox-40x10")
    // Every message row shows a patient and a time; the status line says where we are.
    #expect(g.lines[1].contains("Zoë Mül"))
    #expect(g.lines[9].contains("1/5"))
  }

  @Test func threadScrolledToTheNewest() {
    var s = Fixtures.state(width: 60, height: 12)
    let thread = (0..<6).map { i in
      Fixtures.message(10 + i, patient: "p1", name: "Zoë Müller", fromPatient: i % 2 == 0,
                       text: "Message number \(i) in this thread, long enough to wrap onto a second line at sixty columns.",
                       minutesAgo: Double(600 - i * 60), unread: i == 4)
    }
    _ = reduce(&s, .threadLoaded(patientID: "p1", patient: Fixtures.patient, messages: thread, total: 8))
    let g = render(s)
    assertSnapshot(g.snapshot, named: "thread-60x12")
    #expect(g.lines[0].contains("Zoë Müller (Zo) · born 1980-11-13, 46 y"))
    var numbered = Fixtures.patient
    numbered.mrn = "963277285"
    _ = reduce(&s, .threadLoaded(patientID: "p1", patient: numbered, messages: thread, total: 8))
    var wide = s
    _ = reduce(&wide, .resized(width: 100, height: 12))
    #expect(render(wide).lines[0].contains("female · MRN 963277285"), "the banner names the clinic's number")
    #expect(g.text.contains("Message number 5"), "the newest message is in view")
    _ = reduce(&s, .key(.character("g")))
    #expect(render(s).text.contains("2 earlier messages not shown"))
    _ = reduce(&s, .key(.character("q")))
    #expect(s.screen == .inbox)
  }

  @Test func aLongNewestMessageOpensAtItsStart() {
    var s = Fixtures.state(width: 60, height: 12)
    let long = String(repeating: "The headaches come mostly in the afternoon. ", count: 40)
    let thread = [Fixtures.message(20, patient: "p1", name: "Zoë Müller", fromPatient: false, text: "Earlier reply", minutesAgo: 90),
                  Fixtures.message(21, patient: "p1", name: "Zoë Müller", fromPatient: true, text: long, minutesAgo: 10, unread: true)]
    _ = reduce(&s, .threadLoaded(patientID: "p1", patient: Fixtures.patient, messages: thread, total: 2))
    let g = render(s)
    #expect(g.lines[1].hasPrefix("● Zoë Müller → Priya Raman MD"), "the newest message's header is the first line shown")
    _ = reduce(&s, .key(.character("G")))
    #expect(render(s).lines[10].contains("afternoon."), "G goes to its end")
  }

  @Test func hostileMessageIsInertInEveryFrame() {
    var s = Fixtures.state(width: 120, height: 10)
    _ = reduce(&s, .threadLoaded(patientID: "p4", patient: nil, messages: [Fixtures.inbox[3]], total: 1))
    for g in [render(Fixtures.state(width: 120, height: 10)), render(s)] {
      for c in g.cells {
        for u in c.character.map({ $0.unicodeScalars }) ?? "".unicodeScalars {
          #expect(u.value >= 0x20 && !(0x7F...0x9F).contains(u.value) && !(0x202A...0x202E).contains(u.value) && u.value != 0x200B)
        }
      }
      #expect(g.text.contains("␛]0;pwned␇"))
    }
  }

  @Test func wideCharactersStayAligned() {
    let g = render(Fixtures.state(width: 100, height: 12))
    // The time column starts at the same screen column on every row, whatever the names are written in.
    let columns = (1...5).map { row -> Int in
      var col = 0
      for x in 0..<g.width {
        if g[x, row].character == nil { continue }
        let rest = (x..<min(g.width, x + 5)).compactMap { g[$0, row].character }.map(String.init).joined()
        if rest.range(of: #"^(\d\d:\d\d|[A-Z][a-z]{2} \d|\d{4}-)"#, options: .regularExpression) != nil { col = x; break }
      }
      return col
    }
    #expect(!columns.contains(0), "every row's time was found: \(columns)")
    #expect(Set(columns).count == 1, "time columns: \(columns)")
  }

  @Test func noSizeCrashesOrOverflows() {
    for w in stride(from: 0, through: 130, by: 1) {
      for h in [0, 1, 2, 3, 4, 5, 10, 24, 45] {
        var s = Fixtures.state(width: w, height: h)
        let g1 = render(s)
        #expect(g1.width == w && g1.height == h)
        _ = reduce(&s, .threadLoaded(patientID: "p1", patient: Fixtures.patient, messages: Fixtures.inbox, total: 5))
        _ = reduce(&s, .key(.pageDown))
        _ = render(s)
      }
    }
    #expect(render(Fixtures.state(width: 19, height: 10)).lines[0] == "clinbox: window to…")
  }

  @Test func largeTerminalsStayAligned() {
    var s = Fixtures.state(width: 250, height: 70, sidebar: true)
    _ = reduce(&s, .countsLoaded([.all: 5]))
    let g = render(s)
    #expect(g.width == 250 && g.height == 70)
    #expect(g.lines[69].contains("1/5"), "the status line is on the last row")
    // Wide names take two columns each: every row's time column starts at the same place.
    let starts = (1...5).map { row in g.lines[row].range(of: #"\d\d:\d\d|Nov \d+|\d{4}-\d\d"#, options: .regularExpression).map { g.lines[row].distance(from: g.lines[row].startIndex, to: $0.lowerBound) } ?? -1 }
    #expect(!starts.contains(-1), "every row's time was found: \(starts)")
    let columns = (1...5).map { row -> Int in
      var col = 0, x = 0
      for ch in g.lines[row] {
        if x == starts[row - 1] { break }
        col += CellWidth.of(ch); x += 1
      }
      return col
    }
    #expect(Set(columns).count == 1, "\(columns)")
  }

  @Test func emptyViewSaysSo() {
    let g = render(Fixtures.state(width: 60, height: 8, messages: []))
    #expect(g.lines[1].contains("No messages in this view."))
  }
}
