import Foundation
import Testing
import TerminalUI
import TestClinic
@testable import InboxApp
import Clinic

/// The idle lock: after the time without a key the frame shows no patient data, every key goes to the passphrase
/// prompt, a wrong passphrase keeps it locked and makes the next try wait longer.
@Suite struct LockTests {
  func state(hasPassphrase: Bool = true) -> AppState {
    var s = Fixtures.state(width: 120, height: 30, sidebar: true)
    s.config.lockAfter = 600
    s.session.hasPassphrase = hasPassphrase
    _ = reduce(&s, .tick(Fixtures.now))
    return s
  }

  /// Every patient's name and every message's text of the fixture inbox.
  static let patientData = Fixtures.inbox.flatMap { [$0.patientName, String($0.text.prefix(20))] }

  @Test func tenIdleMinutesLockAndTheFrameHoldsNoPatientData() {
    var s = state()
    #expect(render(s).text.contains("Zoë Müller"), "the inbox shows its patients before")
    #expect(reduce(&s, .tick(Fixtures.now.addingTimeInterval(599))).contains(.noteLock(locked: true)) == false)
    #expect(s.session.lock == nil)
    _ = reduce(&s, .key(.character("j")))   // a key resets the idle time
    #expect(reduce(&s, .tick(Fixtures.now.addingTimeInterval(1_000))).contains(.noteLock(locked: true)) == false)
    #expect(reduce(&s, .tick(Fixtures.now.addingTimeInterval(1_200))).contains(.noteLock(locked: true)))
    let frame = render(s).text
    #expect(frame.contains("clinbox is locked"))
    for data in Self.patientData { #expect(!frame.contains(data), "the lock screen shows no \(data)") }
    #expect(!frame.contains("Unread") && !frame.contains("(5)"), "no views, no counts")
  }

  @Test func keysGoToThePromptAndAWrongPassphraseWaitsLonger() {
    var s = state()
    _ = reduce(&s, .key(.character("L")))
    #expect(s.session.lock != nil, "L locks at once")
    #expect(reduce(&s, .key(.character("d"))).isEmpty, "d is a letter of the passphrase, not done")
    #expect(render(s).text.contains("•"), "typed characters show as dots")
    #expect(reduce(&s, .key(.enter)) == [.checkPassphrase("d")])
    #expect(reduce(&s, .passphraseChecked(false)).isEmpty)
    #expect(s.session.lock?.message?.contains("wrong passphrase") == true)
    _ = reduce(&s, .key(.character("x")))
    #expect(reduce(&s, .key(.enter)).isEmpty, "the next try waits a second")
    #expect(s.session.lock?.message?.contains("wait") == true)
    _ = reduce(&s, .tick(s.now.addingTimeInterval(1)))
    _ = reduce(&s, .passphraseChecked(false))
    #expect(s.session.lock?.retryAt == s.now.addingTimeInterval(2), "then two, four … up to a minute")
    _ = reduce(&s, .tick(s.now.addingTimeInterval(2)))
    for c in "right one" { _ = reduce(&s, .key(.character(c))) }
    #expect(reduce(&s, .key(.enter)) == [.checkPassphrase("right one")])
    #expect(reduce(&s, .passphraseChecked(true)) == [.noteLock(locked: false)])
    #expect(s.session.lock == nil)
    #expect(render(s).text.contains("Zoë Müller"), "the inbox is back as it was")
  }

  /// With no passphrase chosen, the lock screen cannot offer to choose one (whoever found it would): the idle lock
  /// ends the inbox instead, drafts kept, and nothing of the inbox is left on the screen.
  @Test func withNoPassphraseTheIdleLockEndsTheInbox() {
    var s = state(hasPassphrase: false)
    #expect(reduce(&s, .tick(Fixtures.now.addingTimeInterval(600))).contains(.quit))
    #expect(s.quitting && s.session.endedByLock && s.session.lock == nil)
    var pressed = state(hasPassphrase: false)
    #expect(reduce(&pressed, .key(.character("L"))) == [.quit], "L too")
  }

  @Test func lockAfterZeroNeverLocks() {
    var s = state()
    s.config.lockAfter = 0
    #expect(!reduce(&s, .tick(Fixtures.now.addingTimeInterval(86_400))).contains(.noteLock(locked: true)))
    #expect(s.session.lock == nil)
  }
}
