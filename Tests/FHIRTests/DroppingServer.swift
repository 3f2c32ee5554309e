import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A server on loopback that answers GETs with keep-alive and, for a POST, commits it (counts it, with its body)
/// and then closes the connection without a word — a server that stored the message and died before answering,
/// on a connection the client had reused. What it received is read back to see whether a client sent it twice.
final class DroppingServer: @unchecked Sendable {
  let port: UInt16
  private let listener: Int32
  private let lock = NSLock()
  private var posts: [Data] = []
  private var postHeads = 0
  private var stopped = false

  var received: [Data] { lock.withLock { posts } }
  /// Every POST that began to arrive, with a body or not (libcurl's replay came with its Content-Length and no body).
  var postsBegun: Int { lock.withLock { postHeads } }

  init() throws {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    self.listener = listener
    var one: Int32 = 1
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    let bound = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(listener, $0, &len) }
    }
    self.port = UInt16(bigEndian: addr.sin_port)
    Thread.detachNewThread { [self] in acceptLoop() }
  }

  func stop() {
    lock.withLock { stopped = true }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }

  private func acceptLoop() {
    while true {
      let fd = accept(listener, nil, nil)
      if fd < 0 { return }
      if lock.withLock({ stopped }) { close(fd); return }
      Thread.detachNewThread { [self] in serve(fd) }
    }
  }

  /// Requests on one connection, in turn, until the client closes it or a POST is committed.
  private func serve(_ fd: Int32) {
    defer { close(fd) }
    var buffer = Data()
    while true {
      guard let (head, body) = request(fd, &buffer) else { return }
      if head.hasPrefix("POST ") {
        lock.withLock { posts.append(body) }
        return   // committed, and the connection dropped before any answer
      }
      let json = #"{"resourceType":"CapabilityStatement","status":"active","fhirVersion":"4.0.1","rest":[]}"#
      let reply = "HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\nContent-Length: \(json.utf8.count)\r\n"
        + "Connection: keep-alive\r\n\r\n" + json
      _ = reply.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }
  }

  /// One request: its head and its body (by Content-Length); nil when the connection ends first.
  private func request(_ fd: Int32, _ buffer: inout Data) -> (String, Data)? {
    var chunk = [UInt8](repeating: 0, count: 65_536)
    var counted = false
    while true {
      if let end = buffer.range(of: Data("\r\n\r\n".utf8)) {
        let head = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
        if head.hasPrefix("POST "), !counted {
          counted = true
          lock.withLock { postHeads += 1 }
        }
        let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
          .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        if buffer.count - (end.upperBound - buffer.startIndex) >= length {
          let body = buffer[end.upperBound..<(end.upperBound + length)]
          buffer = Data(buffer[(end.upperBound + length)...])
          return (head, Data(body))
        }
      }
      let n = recv(fd, &chunk, chunk.count, 0)
      if n <= 0 { return nil }
      buffer.append(contentsOf: chunk[0..<n])
    }
  }
}
