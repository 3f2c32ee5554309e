import Foundation   // HTMLText takes Foundation from its module's other files

/// Fuzz target `html`: any text as a message body — turned into the plain text clinbox shows and searches.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  _ = HTMLText.plain(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self))
  return 0
}
