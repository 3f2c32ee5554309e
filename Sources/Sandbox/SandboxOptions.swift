import Foundation

/// How a sandbox server is started (`clinbox sandbox`, `clinbox demo`, and the tests).
public struct SandboxOptions: Sendable {
  public var host = "127.0.0.1"
  /// 0 picks a free port.
  public var port: UInt16 = 0
  /// The sandbox's own SQLite file; nil makes a temporary one.
  public var databasePath: String?
  public var seed: UInt64 = 1
  public var messages = 300
  public var clientID = "demo"
  public var clientSecret = "demo"
  /// Canvas's `Location` header comes in two forms (reference §3.2); the sandbox can answer with either.
  public var locationForm: LocationForm = .absoluteWithHistory
  /// Canvas shows `null`; fhirstarter strips it to an empty body.
  public var emptyCreateBody = false
  /// `canvas`: Canvas's Communication search (`_id`, `patient`, `recipient`, `sender`), no `meta`.
  /// `r4`: a generic R4 server that also offers `_lastUpdated`, `_sort`, `meta.lastUpdated` and conditional create.
  public var flavor: Flavor = .canvas

  public enum Flavor: String, Sendable, CaseIterable { case canvas, r4 }

  /// The order Communication search lists its results in. Canvas documents none; the sandbox's default is
  /// ingestion order (oldest first), and `newestFirst` is the other plausible one.
  public var newestFirst = false

  /// Seconds a token lasts (Canvas: 36,000).
  public var tokenLifetime: Double = 36_000

  /// The companion plugin's API (companion-api.md) under `/plugin-io/api/clinbox_companion`, as if installed with
  /// this `api-key`; nil: not installed (404, as Canvas answers a plugin it does not have).
  public var companionKey: String? = "demo"
  /// Whether the companion's patient-app variables are set (`/v1/info`'s `delivery`).
  public var companionDelivers = false

  public enum LocationForm: String, Sendable, CaseIterable {
    case absoluteWithHistory = "absolute"
    case relative
  }

  public init() {}
}
