import Foundation
import Clinic

/// An effect as the runtime hands it to be performed: with who asked for it and when. With what each effect
/// carries itself, it is all a handler knows of the state — it never reads the state, which only `reduce` writes.
public struct Request: Equatable, Sendable {
  public var effect: Effect
  /// The clinician acting when it was asked: whose act it is and who the audit trail names (nil before anyone acts).
  public var clinician: StaffID?
  public var at: Date

  public init(_ effect: Effect, clinician: StaffID?, at: Date) {
    self.effect = effect; self.clinician = clinician; self.at = at
  }
}

/// What the sidebar's counts (and the arrivals told of with them) are counted for.
public struct SidebarAsk: Equatable, Sendable {
  public var me: StaffID?
  public var searches: [SavedSearch]
  /// The saved searches' last counts: kept while a sync runs (a search over a moving cache costs more than it tells).
  public var lastSaved: [String: Int]
  public var covering: [StaffID]
  public var syncing: Bool
  /// The first sync since opening has ended: arrivals from now on are told of.
  public var caughtUp: Bool
}

extension AppState {
  /// The clinician acting: the one chosen, or the one whose inbox shows.
  public var acting: StaffID? { status.actingID ?? inbox.query.me }

  /// The patient of a message on screen (the list's rows, the open thread).
  public func patient(of id: MessageID) -> PatientID? {
    (inbox.rows + (thread?.messages ?? [])).first { $0.id == id }?.patientID
  }

  /// The request for `effect` now.
  public func request(_ effect: Effect) -> Request { Request(effect, clinician: acting, at: now) }

  /// What the sidebar's counts are counted for now.
  public var sidebarAsk: SidebarAsk {
    let syncing: Bool
    if case .syncing = status.activity { syncing = true } else { syncing = false }
    return SidebarAsk(me: inbox.query.me, searches: sidebar.savedSearches, lastSaved: sidebar.savedCounts,
                      covering: sidebar.covering.map(\.id), syncing: syncing, caughtUp: news.caughtUp)
  }
}
