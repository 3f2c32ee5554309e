import Foundation   // RedFlags and SearchFold take Foundation from their files

/// Fuzz target `redflags`: any text as a patient's message, matched against the shipped lexicon as the cache does
/// when it stores it (a crash here would stop a sync), and any text as a clinic's own lexicon.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRedFlags(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  _ = RedFlags.shipped.match(text)
  _ = RedFlags.shipped.explain(text)
  let own = RedFlags(lexicon: text)
  _ = own.match(text)
  _ = RedFlags.shipped.adding(own).fingerprint
  return 0
}
