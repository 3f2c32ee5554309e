import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wakes the UI loop when something is posted for it (an effect's answer, a sync's event, a count): a pipe the
/// loop waits on beside the terminal, so that an answer is drawn the moment it comes instead of at the next poll.
final class Wakeup: Sendable {
  // Two descriptors set once; writes and reads of a pipe are safe from any thread.
  let readEnd: Int32
  private let writeEnd: Int32

  init() {
    var fds: [Int32] = [-1, -1]
    if pipe(&fds) == 0 {
      for fd in fds {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      }
    } else {
      fds = [-1, -1]
    }
    readEnd = fds[0]
    writeEnd = fds[1]
  }

  deinit {
    if readEnd >= 0 { close(readEnd) }
    if writeEnd >= 0 { close(writeEnd) }
  }

  /// Something was posted: the loop wakes (a full pipe already says so).
  func ring() {
    guard writeEnd >= 0 else { return }
    var byte: UInt8 = 1
    _ = write(writeEnd, &byte, 1)
  }

  /// Waits until rung or `timeoutMS` passes (a signal ends the wait too), and clears the pipe.
  func wait(timeoutMS: Int) {
    guard readEnd >= 0 else {
      usleep(UInt32(min(timeoutMS, 2) * 1000))
      return
    }
    var fd = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
    _ = poll(&fd, 1, Int32(timeoutMS))
    drain()
  }

  /// Empties the pipe: every ring so far is answered by the drain of the mailboxes that follows.
  func drain() {
    var buffer = [UInt8](repeating: 0, count: 64)
    while read(readEnd, &buffer, buffer.count) > 0 {}
  }
}
