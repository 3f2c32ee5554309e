import Foundation

/// Which messages to list: a view, seen by the acting practitioner, optionally of one patient.
public struct MessageQuery: Equatable, Sendable {
  public var view: InboxView
  /// The acting practitioner; nil lists everyone's.
  public var me: StaffID?
  public var patientID: PatientID?
  /// Words to find in the text or the patient's name.
  public var search: String?
  /// In Covering: the colleagues whose inboxes it shows; the sidebar has one entry each.
  public var covering: [StaffID]

  public init(view: InboxView = .all, me: StaffID? = nil, patientID: PatientID? = nil, search: String? = nil,
              covering: [StaffID] = []) {
    self.view = view; self.me = me; self.patientID = patientID; self.search = search; self.covering = covering
  }
}
