/// "1 message", "2 messages": a count with its noun agreeing.
public func counted(_ n: Int, _ one: String, _ many: String? = nil) -> String {
  "\(n) \(n == 1 ? one : many ?? one + "s")"
}
