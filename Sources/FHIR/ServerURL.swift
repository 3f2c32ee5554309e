import Foundation

/// A server is one server however its URL is written: `HTTPS://Fumage-X.canvasmedical.com:443/` and
/// `https://fumage-x.canvasmedical.com` name the same cache and the same requests.
public enum ServerURL {
  /// Lower-case scheme and host, no default port, no trailing `/`, no query or fragment.
  public static func normalized(_ url: URL) -> URL {
    guard var c = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
    c.scheme = c.scheme?.lowercased()
    c.host = c.host?.lowercased()
    if (c.scheme == "https" && c.port == 443) || (c.scheme == "http" && c.port == 80) { c.port = nil }
    var path = c.percentEncodedPath
    while path.hasSuffix("/") { path.removeLast() }
    c.percentEncodedPath = path
    c.query = nil
    c.fragment = nil
    return c.url ?? url
  }

  /// The normalized form of a URL written as text, or nil when it is not a URL.
  public static func normalized(_ text: String) -> String? {
    URL(string: text).map { normalized($0).absoluteString }
  }
}
