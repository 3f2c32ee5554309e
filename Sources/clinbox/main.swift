import Clinic
import Foundation
import FHIR

// Parsing and exit statuses are ours, not ArgumentParser's defaults: 0 success, 1 a failure the message
// explains, 2 a usage error (ArgumentParser would exit 64).
Memory.keepFreedMemory()   // before the first allocation of any size
umask(0o077)   // anything clinbox creates (cache, temp files) is its owner's alone
FileLog.start(Array(CommandLine.arguments.dropFirst()))   // before any logger is made
// The red-flag lexicon is read while the arguments are parsed, on the second core: a third of the time to the first
// frame otherwise. Whoever needs it first waits for the rest (a static's one-time initialisation).
Thread.detachNewThread { _ = RedFlags.shipped }
exit(await CLI.main(Array(CommandLine.arguments.dropFirst())))
