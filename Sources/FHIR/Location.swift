/// Canvas answers a create with 201, a `null` or empty body, and the new id only in `Location`, either
/// `https://host/Communication/<id>/_history/1` or `/Communication/<id>` (reference §3.2).
public enum CreatedLocation {
  /// The id in a `Location` header for a resource of `type`, in either form.
  public static func id(from location: String, type: String) -> String? {
    let path = location.split(separator: "?").first.map(String.init) ?? location
    let parts = path.split(separator: "/").map(String.init)
    guard let i = parts.lastIndex(of: type), i + 1 < parts.count else { return nil }
    let id = parts[i + 1]
    if i + 2 < parts.count {
      // Only `/_history/<version>` may follow the id.
      guard parts[i + 2] == "_history", i + 4 >= parts.count else { return nil }
    }
    return id.isEmpty ? nil : id
  }
}
