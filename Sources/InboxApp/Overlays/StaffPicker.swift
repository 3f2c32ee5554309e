import Clinic
import TerminalUI

/// The practitioner picker: incremental search over the cached staff, to route a message or to choose whom to
/// act as. Tab adds staff who cannot be scheduled (Canvas hides them unless asked).
public struct StaffPicker: Equatable, Sendable {
  public enum Purpose: Equatable, Sendable {
    /// One message, or every tagged one.
    case route([MessageRef])
    /// `m`: whom a patient's message taken by phone is for.
    case recordFor(patientID: PatientID, patientName: String)
    case actAs
    /// A colleague whose inbox to cover (or, already covered, to stop covering).
    case cover
  }
  public var purpose: Purpose
  public var query = ""
  public var includeNonSchedulable = false
  public var staff: [StaffMember] = []
  public var scroll = ListScroll()

  public init(purpose: Purpose, includeNonSchedulable: Bool = false, staff: [StaffMember] = []) {
    self.purpose = purpose; self.includeNonSchedulable = includeNonSchedulable; self.staff = staff
  }

  public var results: [StaffMember] { StaffSearch.filter(staff, query) }

  /// The staff a purpose offers, in the picker's order: never yourself first. A message is not routed to, nor an
  /// inbox covered for, the clinician acting; a phone message may be for them, offered last.
  static func offered(_ staff: [StaffMember], for purpose: Purpose, me: StaffID?) -> [StaffMember] {
    guard let me else { return staff }
    let others = staff.filter { $0.id != me }
    switch purpose {
    case .actAs: return staff
    case .route, .cover: return others
    case .recordFor: return others + staff.filter { $0.id == me }
    }
  }

  /// The box: room for the results, within the screen.
  static func frame(_ screen: Rect, count: Int) -> Rect { screen.centred(width: 70, height: max(6, count + 4)) }

  func visibleRows(_ screen: Rect) -> Int { Self.frame(screen, count: results.count).height - 3 }

  func run(_ command: Command, _ c: OverlayContext) -> OverlayStep {
    var p = self
    if move(command, &p.scroll, count: results.count, visible: visibleRows(c.bounds)) { return .stay(.staff(p)) }
    switch command {
    case .deleteBack: if !p.query.isEmpty { p.query.removeLast() }; p.scroll = ListScroll()
    case .allStaff:
      p.includeNonSchedulable.toggle()
      return .stay(.staff(p), [.loadStaff(includeNonSchedulable: p.includeNonSchedulable)])
    case .cancel:
      // Choosing whom to act as cannot be skipped: without it there is no inbox to show.
      return purpose == .actAs ? .stay(.staff(self)) : .close()
    case .accept:
      guard results.indices.contains(scroll.selected) else { return .stay(.staff(self)) }
      return .finish(.chose(results[scroll.selected], for: purpose))
    default: break
    }
    return .stay(.staff(p))
  }

  func type(_ text: String) -> OverlayStep {
    var p = self
    p.query += text
    p.scroll = ListScroll()
    return .stay(.staff(p))
  }

  func draw(_ state: AppState, into g: inout Grid) {
    var verb = "Act as"
    if case .route(let messages) = purpose { verb = messages.count == 1 ? "Route to" : "Route \(messages.count) to" }
    if case .recordFor = purpose { verb = "The patient's message is for" }
    if case .cover = purpose { verb = "Cover the inbox of" }
    let title = "\(verb) — Tab: \(includeNonSchedulable ? "schedulable staff only" : "all staff")"
    let results = self.results
    let inside = Box.draw(title, in: Self.frame(g.bounds, count: results.count), into: &g)
    guard inside.height > 0 else { return }
    let (field, list) = inside.splitTop(1)
    drawFilterLine(query, in: field, into: &g)
    if results.isEmpty {
      g.put(staff.isEmpty ? "no staff cached yet — sync first" : "nobody matches", x: list.x, y: list.y, role: .dim)
      return
    }
    let cursor = g.cursor
    ListWidget.draw(count: results.count, scroll: scroll, in: list, into: &g) { i in
      let s = results[i]
      return (TextLayout.pad(s.name, to: 26) + " " + TextLayout.pad(s.roles.joined(separator: ","), to: 6) + " "
                + (s.email ?? ""), .normal)
    }
    g.cursor = cursor   // typing goes to the filter line
  }
}
