import Foundation
import TerminalUI

/// The idle lock: after `lockAfter` seconds without a key (or at once on `:lock`) the screen shows nothing but a
/// passphrase prompt until the clinician's passphrase is given. Sync, the outbox and drafts go on underneath; the
/// state behind the lock is kept as it was.
///
/// The passphrase is chosen before the inbox first shows patient data (`clinbox passphrase`, or the first open),
/// never here: a lock screen that offered to choose one would open for whoever found it.
public struct LockScreen: Equatable, Sendable {
  /// What has been typed (shown as dots).
  public var entry = ""
  public var message: String?
  /// Wrong passphrases in a row, and when the next try is taken: 1, 2, 4 … 60 seconds after each.
  public var failures = 0
  public var retryAt: Date?
  /// A passphrase is being checked (the hash is slow on purpose).
  public var checking = false

  public init() {}

  /// The wait after `failures` wrong tries.
  public static func delay(after failures: Int) -> TimeInterval { min(60, pow(2, Double(max(0, failures - 1)))) }
}

/// Locks the screen now (a no-op when it already is). With no passphrase to unlock it with, locking ends the inbox
/// instead (every draft is already saved): nothing is left on the screen for whoever comes by.
func lockNow(_ state: inout AppState) -> [Effect] {
  guard state.session.lock == nil else { return [] }
  guard state.session.hasPassphrase else {
    state.session.endedByLock = true
    return quit(&state)
  }
  state.session.lock = LockScreen()
  return [.noteLock(locked: true)]
}

/// Whether the idle time has come (checked on each tick).
func idleLockDue(_ state: AppState) -> Bool {
  let after = state.config.lockAfter
  return state.session.lock == nil && after > 0 && state.now.timeIntervalSince(state.session.lastInput) >= after
}

/// A key while locked: it goes to the prompt and nowhere else.
func lockedKey(_ key: Key, _ state: inout AppState) -> [Effect] {
  guard var lock = state.session.lock, !lock.checking else { return [] }
  defer { state.session.lock = lock }
  switch key {
  case .character(let c):
    lock.entry.append(c)
  case .paste(let text):
    lock.entry += text.filter { !$0.isNewline }
  case .backspace:
    if !lock.entry.isEmpty { lock.entry.removeLast() }
  case .control("u"):
    lock.entry = ""
  case .enter:
    return submit(&lock, state.now)
  case .control("z"):
    return [.suspend]   // nothing shows while locked; `fg` comes back to the lock
  default:
    break
  }
  return []
}

private func submit(_ lock: inout LockScreen, _ now: Date) -> [Effect] {
  let typed = lock.entry
  lock.entry = ""
  if let at = lock.retryAt, now < at {
    lock.message = "wait \(Int(at.timeIntervalSince(now).rounded(.up))) s before trying again"
    return []
  }
  guard !typed.isEmpty else { return [] }
  lock.checking = true
  lock.message = "checking…"
  return [.checkPassphrase(typed)]
}

/// The answer to a passphrase check: unlocked, or locked with a longer wait.
func passphraseChecked(_ ok: Bool, _ state: inout AppState) -> [Effect] {
  guard var lock = state.session.lock else { return [] }
  if ok {
    state.session.lock = nil
    state.session.lastInput = state.now
    return [.noteLock(locked: false)]
  }
  lock.checking = false
  lock.failures += 1
  let wait = LockScreen.delay(after: lock.failures)
  lock.retryAt = state.now.addingTimeInterval(wait)
  lock.message = "wrong passphrase (\(lock.failures)); try again in \(Int(wait)) s"
  state.session.lock = lock
  return []
}
