/// A searchset bundle. Entries stay raw JSON until asked for, so the cache can keep what the server sent.
public struct SearchBundle: Codable, Sendable {
  public var resourceType: String?
  public var type: String?
  public var total: Int?
  /// When the server made this answer (its clock), where it says.
  public var meta: Meta?
  public var link: [Link]?
  public var entry: [Entry]?

  public struct Link: Codable, Equatable, Sendable {
    public var relation: String
    public var url: String
    public init(relation: String, url: String) { self.relation = relation; self.url = url }
  }

  public struct Entry: Codable, Sendable {
    public var fullUrl: String?
    public var resource: JSONValue?
    public init(fullUrl: String? = nil, resource: JSONValue?) { self.fullUrl = fullUrl; self.resource = resource }
  }

  public init(total: Int?, link: [Link], entry: [Entry]) {
    self.resourceType = "Bundle"; self.type = "searchset"; self.total = total; self.link = link; self.entry = entry
  }

  /// The `next` link, relative (Canvas) or absolute; absent on the last page.
  public var next: String? { link?.first(where: { $0.relation == "next" })?.url }

  /// The entries of one type that decode, each with its raw JSON, and how many of that type did not: one
  /// malformed resource from the server must not stop the rest of a page.
  public func decodable<T: Decodable>(_ type: T.Type, named name: String) -> (resources: [(T, JSONValue)],
                                                                              malformed: Int) {
    var out: [(T, JSONValue)] = []
    var bad = 0
    for e in entry ?? [] {
      guard let r = e.resource, r["resourceType"]?.stringValue == name else { continue }
      if let t = try? r.decode(T.self) { out.append((t, r)) } else { bad += 1 }
    }
    return (out, bad)
  }

  /// The entries' resources of one type, each with its raw JSON.
  public func resources<T: Decodable>(_ type: T.Type, named name: String) throws -> [(T, JSONValue)] {
    try (entry ?? []).compactMap { e in
      guard let r = e.resource, r["resourceType"]?.stringValue == name else { return nil }
      return (try r.decode(T.self), r)
    }
  }
}
