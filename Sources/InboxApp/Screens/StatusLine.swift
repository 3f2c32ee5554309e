import Foundation
import TerminalUI

/// The bottom line: where the list stands, the server and when it last synced, and the keys of the screen.
enum StatusLine {
  static func draw(_ state: AppState, left: String, into g: inout Grid) {
    StatusBar.draw([state.status.notice ?? "", left, "\(state.status.server) \(syncText(state))",
                    Command.hints(in: state.mode, keys: state.config.keys).joined(separator: "  ")], into: &g)
  }

  /// `synced 12 s ago`, `syncing 3/12`, `offline since 10:42 — 2 queued`, `sync failed: <reason>`.
  static func syncText(_ state: AppState) -> String {
    let s = state.status
    var queued = s.queued > 0 ? " — \(s.queued) queued" : ""
    if s.queued > 0, let next = s.nextRetry, next > state.now {
      queued += ", next try " + (next.timeIntervalSince(state.now) < 60
        ? "in \(Int(next.timeIntervalSince(state.now).rounded(.up))) s"
        : "at " + TimeText.short(next, now: state.now, state.config.timeZone))
    }
    switch s.activity {
    case .syncing(let done, let of):
      if done == 0 && of == nil { return "syncing…" + queued }
      return "syncing \(done)" + (of.map { "/\($0)" } ?? "") + queued
    case .offline(let since):
      return "offline since \(TimeText.short(since, now: state.now, state.config.timeZone))\(queued)"
    case .failed(let reason):
      return "sync failed: \(Sanitizer.line(reason))\(queued)"
    case .idle:
      let zone = state.config.timeZone
      // While news is live the inbox is as current as the last event: counting seconds would only redraw the line
      // every second of the minute after each cycle.
      let synced = s.lastSync.map { at in
        s.news == .live && state.now.timeIntervalSince(at) < 60 ? "synced just now"
          : "synced \(TimeText.ago(at, now: state.now, zone))"
      } ?? "never synced"
      return synced + newsText(s.news) + queued
    }
  }
}

extension StatusLine {
  /// ` · live`, ` · polling`, ` · polling: <why>`; nothing without the companion.
  static func newsText(_ news: NewsLink?) -> String {
    switch news {
    case nil: return ""
    case .live: return " · live"
    case .polling(let why?): return " · polling: \(Sanitizer.line(why))"
    case .polling(nil): return " · polling"
    }
  }
}

extension AppState {
  /// What on screen depends on the time: the status line's sync text, the minute, and a notice whose time is up.
  /// A tick that changes none of them needs no frame.
  public var clockFace: String {
    StatusLine.syncText(self) + " \(Int(now.timeIntervalSince1970 / 60)) " + (status.notice ?? "")
  }
}
