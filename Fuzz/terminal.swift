/// Fuzz target `terminal`: any text through the sanitiser every drawn string passes, its width as the grid counts
/// it, and any bytes after an ESC through the key decoder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTerminal(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  _ = Sanitizer.line(text)
  _ = CellWidth.of(Sanitizer.text(text))
  _ = EscapeSequence.decode(Array(text.unicodeScalars))
  return 0
}
