import Audit
import InboxApp

/// Performs an effect and says what came of it, as actions. The runtime calls it off the UI loop, and joins it to
/// the loop through the rest: no handler is asked what it is.
public protocol EffectHandler: AnyObject, Sendable {
  /// `request` is the effect with who asked for it and when; the effect carries the rest of what it needs.
  func perform(_ request: Request) -> [Action]
  /// Where to post what comes apart from an effect's answer (`later`: the sidebar's counts) and what changes
  /// under the screen (`changed`, taken in before the next key like an answer).
  func connect(later: @escaping @Sendable (Action) -> Void, changed: @escaping @Sendable (Action) -> Void)
  /// What to call when a write has something to send now (the background sync's trigger).
  func syncWith(_ trigger: @escaping @Sendable (SyncAsk) -> Void)
  /// Records the clinician's steps from now on under `profile`: in `trail`, or (nil) in the cache's own trail
  /// as soon as the cache can be written.
  func audit(to trail: AuditTrail?, profile: String)
}

extension EffectHandler {
  public func connect(later: @escaping @Sendable (Action) -> Void, changed: @escaping @Sendable (Action) -> Void) {}
  public func syncWith(_ trigger: @escaping @Sendable (SyncAsk) -> Void) {}
  public func audit(to trail: AuditTrail?, profile: String) {}
}
