#if canImport(Glibc)
import Glibc
#endif

/// Responses without Nagle's delay, as a production server sends them. FlyingFox writes a response's head and
/// body apart; on a kept-alive connection the body then waits for the client's delayed ACK of the head — 40 ms a
/// request (measured: 44 ms a GET on a reused connection, 1.3 ms on a new one), which made every client on a
/// reused connection (URLSession's) pay 40 ms a request that Canvas's servers do not charge. FlyingFox offers no
/// hook for socket options, so the listening socket is found by its port and given TCP_NODELAY, which Linux passes
/// on to the connections it accepts.
enum NoDelay {
  static func setOnListener(port: UInt16) {
    #if os(Linux)
    for fd in Int32(3)..<Int32(1024) {
      var accepting: Int32 = 0
      var size = socklen_t(MemoryLayout<Int32>.size)
      guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &size) == 0, accepting == 1 else { continue }
      var address = sockaddr_in()
      var length = socklen_t(MemoryLayout<sockaddr_in>.size)
      let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
      }
      guard named == 0, address.sin_family == sa_family_t(AF_INET), UInt16(bigEndian: address.sin_port) == port else {
        continue
      }
      var on: Int32 = 1
      _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }
    #endif
  }
}
