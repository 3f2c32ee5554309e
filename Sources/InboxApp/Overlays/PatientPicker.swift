import Clinic
import TerminalUI

/// `c`: whom to write to — type a name, the cached patients that match are listed, Enter writes to one.
public struct PatientPicker: Equatable {
  public var query = ""
  public var results: [PatientRecord] = []
  public var scroll = ListScroll()

  public init(query: String = "", results: [PatientRecord] = []) { self.query = query; self.results = results }

  static func frame(_ screen: Rect, count: Int) -> Rect { screen.centred(width: 60, height: max(5, count + 3)) }

  func run(_ command: Command, _ state: inout AppState) -> [Effect] {
    var p = self
    let visible = Self.frame(state.bounds, count: results.count).height - 3
    if move(command, &p.scroll, count: results.count, visible: visible) {
      state.overlay = .patients(p)
      return []
    }
    switch command {
    case .deleteBack:
      p.query = String(p.query.dropLast())
      p.scroll = ListScroll()
      state.overlay = .patients(p)
      return [.loadPatients(query: p.query)]
    case .cancel: state.overlay = nil; return []
    case .accept:
      state.overlay = nil
      guard results.indices.contains(scroll.selected) else { return [] }
      return [.startCompose(patientID: results[scroll.selected].id, returnTo: state.screen)]
    default: return []
    }
    state.overlay = .patients(p)
    return []
  }

  func type(_ text: String, _ state: inout AppState) -> [Effect] {
    var p = self
    p.query += text
    p.scroll = ListScroll()
    state.overlay = .patients(p)
    return [.loadPatients(query: p.query)]
  }

  func draw(_ state: AppState, into g: inout Grid) {
    let inside = Box.draw("Write to — type a name, Enter chooses", in: Self.frame(g.bounds, count: results.count),
                          into: &g)
    guard inside.height > 0 else { return }
    let (field, list) = inside.splitTop(1)
    drawFilterLine(query, in: field, into: &g)
    let cursor = g.cursor
    ListWidget.draw(count: results.count, scroll: scroll, in: list, into: &g) { i in
      let p = results[i]
      let name = state.privacy ? Privacy.initials(p.displayName) : p.displayName
      return (name + (p.birthDate.map { "  born \($0)" } ?? ""), .normal)
    }
    g.cursor = cursor
  }
}
