import Foundation
import FHIR
import NIOHTTP1

/// What `GET /v1/info` says of the companion plugin (`shared/reference/companion-api.md`).
public struct CompanionInfo: Decodable, Equatable, Sendable {
  public var plugin: String
  public var version: String
  public var api: Int
  /// Whether the plugin delivers each clinician message to the patient's app (its patient-app variables are set).
  public var delivery: Bool
}

/// Why the companion could not be used; clinbox then works as without it.
public enum CompanionTrouble: Error, Equatable, CustomStringConvertible {
  /// 404 at its base: the plugin is not installed on this instance.
  case notInstalled
  /// 401: the key was refused.
  case keyRefused
  /// It answered, but not as the contract says (another `api`, a body that is not the contract's).
  case notTheContract(String)
  case unreachable(String)
  /// The plugin will never take this write (400, 403, 404), with its words.
  case refused(Int, String)

  public var description: String {
    switch self {
    case .notInstalled: return "the companion plugin is not installed on this Canvas instance (404)"
    case .keyRefused: return "the companion refused the key (401)"
    case .notTheContract(let why): return "the companion answered in a way clinbox does not know: \(why)"
    case .unreachable(let why): return "the companion could not be reached: \(why)"
    case .refused(let status, let why): return "the companion refused it (\(status)): \(why)"
    }
  }
}

/// The companion plugin's API, at the instance's plugin-io URL with the clinic's key.
public struct CompanionClient: Sendable {
  public let base: URL
  let key: String
  let timeout: TimeInterval

  public init(base: URL, key: String, timeout: TimeInterval = 15) {
    self.base = base; self.key = key; self.timeout = timeout
  }

  /// The plugin's base for a FHIR server: the same host without `fumage-` (as for the token URL), then
  /// `/plugin-io/api/clinbox_companion`.
  public static func base(forFHIR server: URL) -> URL {
    Credentials.instanceURL(for: server, path: "/plugin-io/api/clinbox_companion")
  }

  /// `GET /v1/info`; clinbox uses the plugin only when it speaks `api` 1.
  public func info() async throws -> CompanionInfo {
    let body = try await exchange(.GET, base.appendingPathComponent("v1/info"), missingMeansNotInstalled: true)
    guard let info = try? JSONDecoder().decode(CompanionInfo.self, from: body),
          info.plugin == "clinbox_companion" else {
      throw CompanionTrouble.notTheContract("/v1/info is not the companion's")
    }
    guard info.api == 1 else { throw CompanionTrouble.notTheContract("api \(info.api), clinbox speaks api 1") }
    return info
  }

  /// `PUT /v1/messages/<id>/read`: the recipient's read state on the server. A refusal for good (400, 403, 404) is
  /// `CompanionTrouble.refused`; the rest may pass (a network error, a 5xx) and is tried again.
  public func setRead(_ id: String, read: Bool, staff: String) async throws {
    let body = try JSONSerialization.data(withJSONObject: ["read": read, "staff": staff])
    _ = try await exchange(.PUT, base.appendingPathComponent("v1/messages/\(id)/read"), body: body)
  }

  /// One page of `GET /v1/changes` for a staff member from a cursor. A cursor the plugin cannot read is
  /// `CompanionTrouble.refused(400, …)`: ask again without one.
  public func changes(staff: String, since: String?, limit: Int = 500) async throws -> CompanionChanges {
    var c = URLComponents(url: base.appendingPathComponent("v1/changes"), resolvingAgainstBaseURL: false)
    c?.queryItems = [URLQueryItem(name: "staff", value: staff), URLQueryItem(name: "limit", value: String(limit))]
      + (since.map { [URLQueryItem(name: "since", value: $0)] } ?? [])
    // `+` of a base64 cursor must reach the plugin as itself, not as a space.
    let query = c?.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
    c?.percentEncodedQuery = query
    guard let url = c?.url else { throw CompanionTrouble.notTheContract("no URL for the changes feed") }
    let body = try await exchange(.GET, url)
    guard let page = try? JSONDecoder().decode(CompanionChanges.self, from: body) else {
      throw CompanionTrouble.notTheContract("/v1/changes is not the companion's")
    }
    return page
  }

  /// One exchange with the plugin: the body of its 200, or why not — the key refused (401), the plugin missing (a
  /// 404 where the caller says so), a refusal for good with the plugin's words (400, 403, 404), else a failure that
  /// may pass.
  private func exchange(_ method: HTTPMethod, _ url: URL, body: Data? = nil,
                        missingMeansNotInstalled: Bool = false) async throws -> Data {
    var headers = [("Authorization", key), ("Accept", "application/json")]
    if body != nil { headers.append(("Content-Type", "application/json")) }
    let answer: HTTPAnswer
    do { answer = try await HTTPTransport.shared.send(method, url, headers: headers, body: body, timeout: timeout) }
    catch { throw CompanionTrouble.unreachable("\(error)") }
    switch answer.status {
    case 200: return answer.body
    case 401: throw CompanionTrouble.keyRefused
    case 404 where missingMeansNotInstalled: throw CompanionTrouble.notInstalled
    case 400, 403, 404:
      let said = (try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["message"] as? String
      throw CompanionTrouble.refused(answer.status, said ?? "refused")
    default: throw CompanionTrouble.unreachable("it answered \(answer.status)")
    }
  }
}

/// A page of the companion's changes feed: ids, times and read state only.
public struct CompanionChanges: Decodable, Sendable {
  public struct Change: Decodable, Sendable {
    public var type: String
    public var id: String
    public var modified: String
    /// A message's read time, or nil when unread (absent for a task).
    public var read: String?
  }
  public var changes: [Change]
  public var next: String?
  public var more: Bool
}
