/// The error body of a FHIR server (Canvas: one issue with `code` and `details.text`, reference §3.4).
public struct OperationOutcome: Codable, Equatable, Sendable {
  public var resourceType: String = "OperationOutcome"
  public var issue: [Issue]

  public struct Issue: Codable, Equatable, Sendable {
    public var severity: String?
    public var code: String?
    public var details: CodeableConcept?
    public var diagnostics: String?
  }

  public init(code: String, text: String) {
    issue = [Issue(severity: "error", code: code, details: CodeableConcept(text: text), diagnostics: nil)]
  }

  /// The texts of all issues, for an error line.
  public var summary: String {
    issue.map { $0.details?.text ?? $0.diagnostics ?? $0.code ?? "error" }.joined(separator: "; ")
  }
}
