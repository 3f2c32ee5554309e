import Foundation
import FHIR

// Parsing and exit statuses are ours, not ArgumentParser's defaults: 0 success, 1 a failure the message
// explains, 2 a usage error (ArgumentParser would exit 64).
Memory.keepFreedMemory()   // before the first allocation of any size
umask(0o077)   // anything clinbox creates (cache, temp files) is its owner's alone
FileLog.start(Array(CommandLine.arguments.dropFirst()))   // before any logger is made
exit(await CLI.main(Array(CommandLine.arguments.dropFirst())))
