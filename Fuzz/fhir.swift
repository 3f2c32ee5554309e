import Foundation

/// Fuzz target `fhir`: any bytes as a server's answer — parsed (`JSONParser`) and decoded as a search Bundle and
/// as each resource clinbox reads. Nothing may crash, hang or grow without bound; errors are fine.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFHIR(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let value = try? JSONParser.parse(Array(UnsafeBufferPointer(start: data, count: size))) else { return 0 }
  if let bundle = try? value.decode(SearchBundle.self) {
    _ = bundle.decodable(Communication.self, named: "Communication")
    _ = bundle.decodable(FHIRTask.self, named: "Task")
    _ = bundle.decodable(QuestionnaireResponse.self, named: "QuestionnaireResponse")
    _ = bundle.decodable(Patient.self, named: "Patient")
  }
  _ = try? value.decode(Communication.self)
  _ = try? value.decode(Questionnaire.self)
  _ = value.jsonText
  return 0
}
