import Clinic
import GRDB

// The clinic's identities bind and read as their text (GRDB's own conformance for a raw value).
extension Tagged: @retroactive SQLExpressible where RawValue: DatabaseValueConvertible {}
extension Tagged: @retroactive StatementBinding where RawValue: DatabaseValueConvertible {}
extension Tagged: @retroactive DatabaseValueConvertible where RawValue: DatabaseValueConvertible {}
