/// What a server offers (`GET /metadata`). The sync engine chooses its strategy from the Communication entry.
public struct CapabilityStatement: Codable, Sendable {
  public var resourceType: String = "CapabilityStatement"
  public var status: String?
  public var date: String?
  public var kind: String?
  public var fhirVersion: String?
  public var format: [String]?
  public var software: Software?
  public var rest: [Rest]?

  public struct Software: Codable, Sendable {
    public var name: String?
    public var version: String?
  }

  public struct Rest: Codable, Sendable {
    public var mode: String?
    public var resource: [Resource]?
  }

  public struct Resource: Codable, Sendable {
    public var type: String
    public var interaction: [Interaction]?
    public var searchParam: [SearchParam]?
    public var conditionalCreate: Bool?
    public init(type: String, interaction: [String], searchParam: [String], conditionalCreate: Bool? = nil) {
      self.type = type
      self.conditionalCreate = conditionalCreate
      self.interaction = interaction.map { Interaction(code: $0) }
      self.searchParam = searchParam.map { SearchParam(name: $0, type: "string") }
    }
  }

  public struct Interaction: Codable, Sendable { public var code: String }
  public struct SearchParam: Codable, Sendable {
    public var name: String
    public var type: String?
  }

  public init(software: String, resources: [Resource]) {
    status = "active"; kind = "instance"; fhirVersion = "4.0.1"; format = ["json"]
    self.software = Software(name: software, version: nil)
    rest = [Rest(mode: "server", resource: resources)]
  }

  public func resource(_ type: String) -> Resource? {
    rest?.flatMap { $0.resource ?? [] }.first(where: { $0.type == type })
  }

  public func supports(search parameter: String, on type: String) -> Bool {
    resource(type)?.searchParam?.contains(where: { $0.name == parameter }) ?? false
  }

  /// Whether the server offers an incremental pull: Communication search by `_lastUpdated`. (`_sort` is a
  /// result parameter: R4 servers — HAPI, sekmet-fhir — list `_lastUpdated` but never `_sort`.)
  public var offersIncrementalCommunication: Bool { supports(search: "_lastUpdated", on: "Communication") }

  /// Whether the server says it sorts Communication search by `_lastUpdated`, so a page's newest is a mark
  /// that can be kept before the rest of the delta has come.
  public var sortsCommunicationByLastUpdated: Bool { supports(search: "_sort", on: "Communication") }

  public func supports(interaction: String, on type: String) -> Bool {
    resource(type)?.interaction?.contains(where: { $0.code == interaction }) ?? false
  }
}
