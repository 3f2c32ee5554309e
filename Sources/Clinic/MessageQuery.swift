import Foundation

/// Which messages to list: a view, seen by the acting practitioner, optionally of one patient.
public struct MessageQuery: Equatable, Sendable {
  public var view: InboxView
  /// `Practitioner/<id>` of the acting practitioner; nil lists everyone's.
  public var me: String?
  public var patientID: String?
  /// Words to find in the text or the patient's name.
  public var search: String?
  /// In Covering: the colleagues (`Practitioner/<id>`) whose inboxes it shows; the sidebar has one entry each.
  public var covering: [String]

  public init(view: InboxView = .all, me: String? = nil, patientID: String? = nil, search: String? = nil,
              covering: [String] = []) {
    self.view = view; self.me = me; self.patientID = patientID; self.search = search; self.covering = covering
  }
}
