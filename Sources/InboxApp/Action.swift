import Foundation
import Store
import TerminalUI

/// Something that happened: a key, a resize, a tick of the clock, or data the runtime loaded.
public enum Action: Equatable {
  case key(Key)
  case resized(width: Int, height: Int)
  case tick(Date)
  case inboxLoaded(offset: Int, rows: [Message], total: Int)
  case threadLoaded(patientID: String, patient: PatientRecord?, messages: [Message], total: Int)
}

/// Work for the runtime: read the Store, or stop.
public enum Effect: Equatable {
  case loadInbox(MessageQuery, offset: Int, limit: Int)
  case loadThread(patientID: String)
  case quit
}
