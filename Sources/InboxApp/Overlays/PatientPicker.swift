import Foundation
import Clinic
import TerminalUI

/// `c` and `m`: whom to write to, or whose message to record — type a name: the cached patients that match at
/// once, then the practice's patients the server finds by name (Canvas's `name` search), each with birth date,
/// age, MRN and whether inactive, so that two patients of one name are never confused. Offline it says it lists
/// cached patients only.
public struct PatientPicker: Equatable, Sendable {
  public var query = ""
  public var results: [PatientRecord] = []
  public var scroll = ListScroll()
  /// `m`: the patient whose message is being recorded, rather than one to write to.
  public var recording = false
  /// What the list is: "searching the practice…", "offline: cached patients only".
  public var note: String?

  public init(query: String = "", results: [PatientRecord] = [], recording: Bool = false) {
    self.query = query; self.results = results; self.recording = recording
  }

  /// The fewest letters sent to the server as a name search.
  static let shortestServerSearch = 2

  static func frame(_ screen: Rect, count: Int) -> Rect { screen.centred(width: 78, height: max(6, count + 4)) }

  /// The cached patients now, and the server's for a name long enough when a server is in reach.
  static func search(_ p: inout PatientPicker, online: Bool) -> [Effect] {
    let asks = online && p.query.trimmingCharacters(in: .whitespaces).count >= shortestServerSearch
    p.note = online ? (asks ? "searching the practice…" : nil) : "offline: cached patients only"
    return [.loadPatients(query: p.query)] + (asks ? [.searchPatients(query: p.query)] : [])
  }

  /// The server's answer for `query` (nil: it did not answer): added after the cached ones, each patient once.
  static func found(_ patients: [PatientRecord]?, query: String, _ state: inout AppState) {
    guard case .patients(var p)? = state.overlay, p.query == query else { return }   // typed on since: dropped
    guard let patients else {
      p.note = "offline: cached patients only (the server did not answer)"
      state.overlay = .patients(p)
      return
    }
    let known = Set(p.results.map(\.id))
    p.results += patients.filter { !known.contains($0.id) }
    p.note = patients.isEmpty ? "no other patient of the practice by that name" : nil
    state.overlay = .patients(p)
  }

  func run(_ command: Command, _ c: OverlayContext) -> OverlayStep {
    var p = self
    let visible = Self.frame(c.bounds, count: results.count).height - 4
    if move(command, &p.scroll, count: results.count, visible: visible) { return .stay(.patients(p)) }
    switch command {
    case .deleteBack:
      p.query = String(p.query.dropLast())
      p.scroll = ListScroll()
      let effects = Self.search(&p, online: c.online)
      return .stay(.patients(p), effects)
    case .cancel: return .close()
    case .accept:
      guard results.indices.contains(scroll.selected) else { return .close() }
      return .finish(.chosePatient(results[scroll.selected], recording: recording))
    default: return .stay(.patients(self))
    }
  }

  func type(_ text: String, _ c: OverlayContext) -> OverlayStep {
    var p = self
    p.query += text
    p.scroll = ListScroll()
    let effects = Self.search(&p, online: c.online)
    return .stay(.patients(p), effects)
  }

  func draw(_ state: AppState, into g: inout Grid) {
    let title = recording ? "A message from — type the patient's name, Enter chooses"
                          : "Write to — type a name, Enter chooses"
    let inside = Box.draw(title, in: Self.frame(g.bounds, count: results.count), into: &g)
    guard inside.height > 1 else { return }
    let (field, rest) = inside.splitTop(1)
    drawFilterLine(query, in: field, into: &g)
    let cursor = g.cursor
    let list = Rect(x: rest.x, y: rest.y, width: rest.width, height: max(0, rest.height - 1))
    ListWidget.draw(count: results.count, scroll: scroll, in: list, into: &g) { i in
      let p = results[i]
      let name = state.privacy ? Privacy.initials(p.displayName) : Sanitizer.line(p.displayName)
      let identity = Sanitizer.line(p.identity(on: state.now))
      return (name + (identity.isEmpty ? "" : "  " + identity), p.active ? .normal : .dim)
    }
    if let note { g.put(note, x: rest.x, y: rest.bottom - 1, role: .dim, maxWidth: rest.width) }
    g.cursor = cursor
  }
}
