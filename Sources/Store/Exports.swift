// The cache stores and returns the clinic's own types; whoever uses the Store uses them.
@_exported import Clinic
