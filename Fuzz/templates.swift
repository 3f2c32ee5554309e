/// Fuzz target `templates`: any text as a template body, rendered with a few values.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplates(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let body = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  _ = TemplateRenderer.render(body, values: ["patient.first_name": "Zoë", "clinician.name": "Priya Raman MD"])
  return 0
}
