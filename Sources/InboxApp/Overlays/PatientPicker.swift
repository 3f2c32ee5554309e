import Clinic
import TerminalUI

/// `c`: whom to write to — type a name, the cached patients that match are listed, Enter writes to one.
public struct PatientPicker: Equatable {
  public var query = ""
  public var results: [PatientRecord] = []
  public var scroll = ListScroll()
  /// `m`: the patient whose message is being recorded, rather than one to write to.
  public var recording = false

  public init(query: String = "", results: [PatientRecord] = [], recording: Bool = false) {
    self.query = query; self.results = results; self.recording = recording
  }

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
      let patient = results[scroll.selected]
      if recording { return recordFor(patientID: patient.id, patientName: patient.displayName, &state) }
      return [.startCompose(patientID: patient.id, returnTo: state.screen)]
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
    let title = recording ? "A message from — type the patient's name, Enter chooses" : "Write to — type a name, Enter chooses"
    let inside = Box.draw(title, in: Self.frame(g.bounds, count: results.count),
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
