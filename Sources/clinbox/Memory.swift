/// glibc's allocator, told to keep what it frees. By default it hands memory back to the kernel as soon as 128 KB
/// are free at the top of the heap, and serves larger blocks by mmap: a sync parsing and storing a page every few
/// milliseconds then faulted the same pages in again and again — 296,000 page faults and a third of its time in
/// the kernel for a 20,000-message sandbox. Peak memory is what the work needs either way (about 50 MB); it just
/// stays while the process does.
enum Memory {
  // <malloc.h> is not part of Swift's Glibc module; `mallopt` and its parameters are glibc's stable ABI.
  @_silgen_name("mallopt") private static func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
  private static let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapThreshold: Int32 = -3, arenaMax: Int32 = -8

  static func keepFreedMemory() {
    #if os(Linux)
    _ = mallopt(trimThreshold, 4 << 20)
    _ = mallopt(mmapThreshold, 4 << 20)
    _ = mallopt(topPad, 1 << 20)
    _ = mallopt(arenaMax, 2)
    #endif
  }
}
