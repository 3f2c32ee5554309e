import ArgumentParser
import Foundation
import Store

/// The entry point: parses, runs, and maps errors to one clear line and an exit status.
enum CLI {
  static func main(_ arguments: [String]) async -> Int32 {
    var command: ParsableCommand
    do {
      command = try Clinbox.parseAsRoot(arguments)
    } catch {
      let code = Clinbox.exitCode(for: error)
      let message = Clinbox.fullMessage(for: error)
      if code == .success {
        print(message)
        return 0
      }
      FileHandle.standardError.write(Data((message + "\n").utf8))
      return 2
    }
    do {
      if var async = command as? AsyncParsableCommand {
        try await async.run()
      } else {
        try command.run()
      }
      return 0
    } catch where CacheRepair.isDamage(error) && Wiring.openedCache != nil {
      // A damaged page found while reading: the cache is repaired now, so the next command opens a sound one.
      do {
        try Wiring.repairSaying(Wiring.openedCache!, redFlags: Wiring.openedRedFlags, found: "is damaged")
        FileHandle.standardError.write(Data("clinbox: repaired: run the command again\n".utf8))
      } catch {
        let words = "clinbox: \(error): run clinbox repair once no other clinbox has it open\n"
        FileHandle.standardError.write(Data(words.utf8))
      }
      return 1
    } catch let e as Failure {
      FileHandle.standardError.write(Data("clinbox: \(e.message)\n".utf8))
      return 1
    } catch let e as ValidationError {
      let name = type(of: command).configuration.commandName ?? ""
      FileHandle.standardError.write(Data("clinbox: \(e.message) (see clinbox \(name) --help)\n".utf8))
      return 2
    } catch let e as ExitCode {
      return e.rawValue
    } catch {
      if let path = Wiring.openedCache, let words = CacheTrouble.words(for: error, cache: path) {
        FileHandle.standardError.write(Data("clinbox: \(words)\n".utf8))
        return 1
      }
      // Help and version requests surface here as errors of ArgumentParser's own.
      let code = Clinbox.exitCode(for: error)
      let message = Clinbox.fullMessage(for: error)
      if code == .success { print(message); return 0 }
      if code == .validationFailure { FileHandle.standardError.write(Data((message + "\n").utf8)); return 2 }
      FileHandle.standardError.write(Data("clinbox: \(message.isEmpty ? String(describing: error) : message)\n".utf8))
      return 1
    }
  }
}

/// A failure with a message for the user; exit status 1.
struct Failure: Error, CustomStringConvertible {
  let message: String
  init(_ message: String) { self.message = message }
  var description: String { message }
}
