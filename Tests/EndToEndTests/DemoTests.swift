import Foundation
import Testing

/// `clinbox demo` in a real terminal (tmux), used as a clinician would.
@Suite(.serialized) struct DemoTests {
  @Test func demoShowsMessagesOpensAThreadAndGivesTheShellBack() throws {
    let t = try Tmux(command: "bash --norc --noprofile")
    defer { t.stop() }
    t.type("PS1='$ ' \(clinboxBinary) demo --patient-writes-every 0"); t.send("Enter")
    let inbox = t.waitFor { $0.contains("acting as Priya Raman MD") && $0.contains("● ") && synced($0) }
    #expect(inbox.contains("clinbox · All ("))
    #expect(inbox.contains("synced"), "the status line says when it synced")
    let titleBefore = t.title()

    // The newest patient message is the seeded hostile one: it is on screen, inert, and the title did not change.
    #expect(inbox.contains("␛]0;pwned␇"))
    #expect(t.title() == titleBefore)
    #expect(!t.title().contains("pwned"))

    t.send("g"); t.send("j")   // from the newest, down one
    t.waitFor(10) { $0.contains(" 2/") }
    t.send("Enter")
    let thread = t.waitFor(10) { $0.contains("born ") }
    #expect(thread.contains("messages · lines"))
    #expect(thread.contains(" → "), "each message says who wrote to whom")
    t.send("q")
    let back = t.waitFor(10) { $0.contains("acting as Priya Raman MD") && $0.contains(" 2/") }
    #expect(back.contains("2/"), "back on the inbox, the selection kept")
    t.send("q")
    t.type("echo SHELL-$((40+2))"); t.send("Enter")
    let shell = t.waitFor(15) { $0.contains("SHELL-42") }
    #expect(shell.contains("SHELL-42"), "the terminal is back to the shell after quitting")
  }

  @Test func hostileThreadLeavesTheTerminalAlone() throws {
    let t = try Tmux(command: "\(clinboxBinary) demo --patient-writes-every 0")
    defer { t.stop() }
    t.waitFor { $0.contains("acting as Priya Raman MD") && $0.contains("● ") && synced($0) }
    let title = t.title()
    // The newest received message is the hostile one (a message scheduled for tomorrow is above it).
    t.send("g"); t.send("j")
    t.waitFor(10) { $0.contains(" 2/") }
    t.send("Enter")
    let s = t.waitFor(10) { $0.contains("born ") && $0.contains("messages · lines") && $0.contains("Title trick") }
    #expect(s.contains("Title trick ␛]0;pwned␇ clear ␛[2J␛[H bidi"))
    #expect(t.title() == title)
    // ESC[2J would have cleared the screen: the banner and status line are still there.
    #expect(s.split(separator: "\n").first?.contains("born ") == true)
    #expect(s.contains("messages · lines"))
    t.send("q"); t.send("q")
  }

  @Test func aCanvasDraftAndAScheduledMessageAreNeverShownAsSent() throws {
    let t = try Tmux(command: "\(clinboxBinary) demo --patient-writes-every 0")
    defer { t.stop() }
    t.waitFor { $0.contains("acting as Priya Raman MD") && synced($0) && $0.contains("✎ ") }
    t.send("g")   // the newest: rows that came in above the selection stay above the window
    let inbox = t.waitFor(5) { $0.contains("◷ ") }
    let rows = inbox.split(separator: "\n").map(String.init)
    #expect(rows.contains { $0.contains("◷ ") && $0.contains("scheduled for ") }, "the scheduled message is marked in the list")
    #expect(rows.contains { $0.contains("✎ ") && $0.contains("draft in Canvas: ") }, "the Canvas draft is marked in the list")
    t.send("Enter")
    let thread = t.waitFor(10) { $0.contains("born ") }
    #expect(thread.contains("· scheduled, not sent yet"))
    t.send("q")
    // Neither is in Sent.
    for _ in 0..<4 { t.send("[") }
    // The view's rows, not only its title: the clinician's messages to patients (`←`) and where the list stands.
    let sent = t.waitFor(10) { $0.contains("clinbox · Sent (") && $0.contains("← ") && $0.contains(" 1/") }
    #expect(sent.contains("clinbox · Sent (") && sent.contains("← ") && sent.contains(" 1/"), "Sent has loaded: \(sent)")
    #expect(!sent.contains("draft in Canvas") && !sent.contains("scheduled for"), "Sent holds only what reached the patient")
    t.send("q")
  }

  @Test func resizingRedrawsAndTinyWindowsWork() throws {
    let t = try Tmux(command: "\(clinboxBinary) demo --patient-writes-every 0")
    defer { t.stop() }
    t.waitFor { $0.contains("acting as Priya Raman MD") && synced($0) }
    t.send("g")
    t.resize(40, 10)
    // tmux reflows the old screen at once; clinbox's own frame follows.
    let small = t.waitFor(10) {
      let rows = $0.split(separator: "\n", omittingEmptySubsequences: false)
      return rows.count <= 11 && $0.contains("1/") && rows.first?.contains("clinbox · All") == true
    }
    let lines = small.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first?.contains("clinbox · All") == true)
    #expect(small.contains("● "), "rows with the unread mark fit at 40×10")
    t.send("j"); t.send("j")
    #expect(t.waitFor(5) { $0.contains("3/") }.contains("3/"))
    t.resize(15, 4)
    #expect(t.waitFor(5) { $0.contains("clinbox:") }.contains("clinbox:"))
    t.resize(120, 40)
    let big = t.waitFor(10) { $0.contains("acting as Priya Raman MD") }
    #expect(big.contains("3/"), "the selection survived the resizes")
    t.send("q")
  }

  @Test func theUIAnswersWhileALargeSyncRuns() throws {
    let t = try Tmux(command: "bash --norc --noprofile")
    defer { t.stop() }
    t.type("PS1='$ ' \(clinboxBinary) demo --patient-writes-every 0 --messages 100000"); t.send("Enter")
    let syncing = t.waitFor(60) { $0.contains("syncing ") && $0.contains("● ") }
    let progress = { (s: String) -> Int in
      guard let r = s.range(of: #"syncing (\d+)/"#, options: .regularExpression) else { return -1 }
      return Int(s[r].dropFirst("syncing ".count).dropLast()) ?? -1
    }
    let before = progress(syncing)
    #expect(before >= 0, "the status line shows the sync's progress: \(syncing.split(separator: "\n").last ?? "")")
    // Keys are handled mid-sync: a thread opens and closes at once.
    t.send("Enter")
    let thread = t.waitFor(5) { $0.contains("born ") }
    #expect(thread.contains("born "))
    t.send("q")
    let back = t.waitFor(5) { $0.contains("clinbox · All") }
    #expect(back.contains("clinbox · All"))
    // Frames keep coming while it runs.
    let later = t.waitFor(20) { progress($0) > before || $0.contains("synced") }
    #expect(progress(later) > before || later.contains("synced"))
    t.send("q")
    t.type("echo DONE-$((6*7))"); t.send("Enter")
    #expect(t.waitFor(15) { $0.contains("DONE-42") }.contains("DONE-42"), "quitting mid-sync gives the shell back")
  }
}

/// A newcomer to the demo sees news arrive while looking: a patient writes now and then, and the companion's news
/// brings the message onto the screen within seconds, unread, with no key pressed.
@Suite struct DemoNewsTests {
  @Test func aPatientWritesAndTheMessageArrivesUnreadWithNoKeyPressed() throws {
    let t = try Tmux(command: "\(clinboxBinary) demo --patient-writes-every 2")
    defer { t.stop() }
    // The demo's companion pushes news: the status line says live, and no key is needed for it to come.
    let first = t.waitFor { $0.contains("acting as Priya Raman MD") && synced($0) && $0.contains("· live") }
    #expect(first.contains("· live"), "news is live: \(first)")
    let unread = try #require(Self.unreadCount(first))
    let later = t.waitFor(8) { screen in Self.unreadCount(screen).map { $0 > unread } == true }
    #expect((Self.unreadCount(later) ?? 0) > unread, "Unread grew with no key pressed: \(later)")
    t.send("q")
  }

  /// The Unread count in the sidebar.
  static func unreadCount(_ screen: String) -> Int? {
    guard let line = screen.split(separator: "\n").first(where: { $0.contains("  Unread ") }),
          let n = line.split(separator: "│").first?.split(separator: " ").last else { return nil }
    return Int(n)
  }
}
