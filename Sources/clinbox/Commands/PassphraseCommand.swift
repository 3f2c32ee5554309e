import ArgumentParser
import Foundation
import InboxRuntime
import Store

/// `clinbox passphrase [--stdin]`: chooses the passphrase that unlocks the inbox's idle lock, before the inbox shows
/// any patient data — never at the lock screen, where whoever found it could choose one. Changing it asks for the
/// one kept. From a terminal it is typed twice without echo; with `--stdin`, one line (after the current one, when
/// one is kept).
struct PassphraseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "passphrase", abstract: "Choose the passphrase that unlocks the inbox's idle lock.")

  @Flag(help: "Read the passphrase from standard input, one line (the current one first, when one is kept).")
  var stdin = false

  @OptionGroup var server: ServerOptions
  @OptionGroup var cache: CacheOptions

  func run() throws {
    let s = try Settings.resolve(server, cache, needsCredentials: false)
    let store = try Wiring.openStore(s)
    if Passphrase.isChosen(in: store) {
      guard let current = SecretPrompt.read("Current passphrase: ", fromStdin: stdin),
            try Passphrase.matches(current, in: store) else {
        throw Failure("that is not the current passphrase: nothing changed")
      }
    }
    try Self.choose(in: store, fromStdin: stdin)
    print("passphrase chosen: it unlocks the inbox of \(s.cachePath)")
  }

  /// Asks for a new passphrase (twice at a terminal, three tries) and keeps it; a refusal or the end of input
  /// throws.
  static func choose(in store: Store, fromStdin: Bool) throws {
    var problem = "no passphrase chosen"
    for _ in 0..<(fromStdin ? 1 : 3) {
      guard let chosen = SecretPrompt.read("New passphrase (\(Passphrase.shortest) characters or more): ",
                                           fromStdin: fromStdin) else { throw Failure("no passphrase chosen") }
      guard chosen.count >= Passphrase.shortest else {
        problem = "a passphrase needs at least \(Passphrase.shortest) characters"
        if !fromStdin { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
        continue
      }
      if !fromStdin, SecretPrompt.read("Type it again: ", fromStdin: false) != chosen {
        problem = "the two differ"
        FileHandle.standardError.write(Data("\(problem)\n".utf8))
        continue
      }
      try Passphrase.choose(chosen, in: store)
      return
    }
    throw Failure("\(problem): nothing changed")
  }

  /// The first open of an inbox that will lock: the passphrase is chosen here, before any patient data is shown.
  static func chooseAtFirstOpen(_ store: Store, lockAfter: TimeInterval) throws {
    guard lockAfter > 0, !Passphrase.isChosen(in: store) else { return }
    let minutes = Int((lockAfter / 60).rounded())
    FileHandle.standardError.write(Data("""
      clinbox locks the screen after \(minutes) min without a key. Choose the passphrase that unlocks it.
      (lock_after = 0 in the config turns the lock off.)

      """.utf8))
    do { try choose(in: store, fromStdin: false) } catch let e as Failure {
      throw Failure("\(e.message): the inbox stays closed until a passphrase is chosen (clinbox passphrase)")
    }
  }
}
