import CCurses
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The ncursesw backend: the only code that talks to curses. It flushes whole frames (curses sends only the
/// cells that changed) and decodes keys; everything else happens on the in-memory `Grid`.
public final class NCursesTerminal: Terminal {
  private let screen: OpaquePointer
  let window: UnsafeMutablePointer<WINDOW>
  private var colors = false
  private var closed = false
  private let theme: Theme

  public enum StartError: Error, CustomStringConvertible {
    case noTerminal(String)
    public var description: String {
      switch self { case .noTerminal(let t): return "cannot use the terminal (TERM=\(t)); run clinbox in a terminal" }
    }
  }

  /// `mouse`: wheel, click and double click are reported as keys (the config's `mouse = false` turns it off).
  public init(mouse: Bool = true, theme: Theme = .fallback) throws {
    self.theme = theme
    modesOn = "\u{1B}[?2004h" + (mouse ? "\u{1B}[?1006h" : "")
    modesOff = (mouse ? "\u{1B}[?1006l" : "") + "\u{1B}[?2004l"
    // The locale must be set before curses starts, or every non-ASCII character silently disappears.
    setlocale(LC_ALL, "")
    if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
    // newterm, unlike initscr, returns nil instead of exiting the process on an unusable TERM.
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1,
          let scr = newterm(nil, C.output, C.input) else {
      throw StartError.noTerminal(String(cString: getenv("TERM") ?? strdup("unset")))
    }
    screen = scr
    set_term(scr)
    window = cb_stdscr()!
    setModes()
    set_escdelay(25)   // the default 1 s makes a bare Esc feel dead
    curs_set(1)
    leaveok(window, false)
    // NO_COLOR (no-color.org): attributes only, whatever the theme says about colours.
    if has_colors() && getenv("NO_COLOR") == nil {
      colors = true
      start_color()
      use_default_colors()
      let available = Int(cb_colors())
      for (i, role) in Role.allCases.enumerated() {
        let s = theme.style(role)
        init_pair(Int16(i + 1), Int16(s.fg.index(colors: available)), Int16(s.bg.index(colors: available)))
      }
    }
    if mouse {
      mousemask(cb_mouse_events(), nil)
      mouseinterval(200)
    }
    NCursesTerminal.installSignalHandlers()
    Self.write(modesOn)
  }

  /// Bracketed paste: the terminal wraps pasted text in ESC[200~ … ESC[201~, so a paste is text, not keys. SGR
  /// mouse reports (1006) name any column, where the old encoding stops at 223, and are decoded whole here.
  private let modesOn: String
  private let modesOff: String

  /// Until when the frame is painted whole before each key read (after a suspension).
  private var repaintWholeUntil: UInt64 = 0

  /// A shell that resumes a job with `fg` may set the terminal back to the modes it saved when the job stopped
  /// (cooked, echoing) and echo the job's command line — after the job has already set its own modes and painted.
  /// Both are undone here, before each key is read: the modes set again, the last frame painted whole.
  func repaintIfTheShellTookTheTerminal() {
    var modes = termios()
    let cooked = tcgetattr(STDIN_FILENO, &modes) == 0 && modes.c_lflag & tcflag_t(ICANON | ECHO) != 0
    guard cooked || DispatchTime.now().uptimeNanoseconds < repaintWholeUntil else { return }
    if cooked {
      setModes()
      repaintWholeUntil = DispatchTime.now().uptimeNanoseconds + 1_000_000_000
    }
    clearok(window, true)
    wrefresh(window)
  }

  /// Raw (Ctrl-C arrives as a key, so the app always restores the terminal on its way out), no echo, keys whole.
  private func setModes() {
    raw()
    noecho()
    nonl()
    keypad(window, true)
  }

  public func suspend(_ body: () -> Void) {
    Self.write(modesOff)
    def_prog_mode()
    endwin()
    body()
    reset_prog_mode()
    // The modes again, whatever the shell left: a job resumed by `fg` found the terminal cooked now and then.
    setModes()
    Self.write(modesOn)
    // Nothing of the frame before: the next one may be the lock screen (a suspended clinbox idled meanwhile).
    // The shell may still be writing (its `fg` echo): for a second, each key read paints the frame whole.
    werase(window)
    repaintWholeUntil = DispatchTime.now().uptimeNanoseconds + 1_000_000_000
    clearok(window, true)
    wrefresh(window)
  }

  static func write(_ s: String) {
    fputs(s, C.output)
    fflush(C.output)
  }

  /// Streams on the standard descriptors, which curses writes the frames to and reads the keys from (C's own
  /// `stdout` and `stdin` are mutable globals Swift 6 will not share). `nonisolated(unsafe)`: made once, never
  /// reassigned, and used from the UI loop only.
  enum C {
    nonisolated(unsafe) static let output: UnsafeMutablePointer<FILE> = fdopen(STDOUT_FILENO, "w")
    nonisolated(unsafe) static let input: UnsafeMutablePointer<FILE> = fdopen(STDIN_FILENO, "r")
  }

  /// How this terminal shows a desktop notification.
  let channel = NotificationChannel.detect(ProcessInfo.processInfo.environment)
  /// Whether the title was saved on the terminal's title stack (it is given back at `stop`).
  private var titlePushed = false

  /// The bell, the notification and the title are written between frames, after ncurses has flushed its own
  /// output: none of them moves the cursor or changes a cell.
  public func alert(_ alert: TerminalAlert) {
    guard !closed else { return }
    var out = alert.bell ? "\u{07}" : ""
    if let text = alert.notification { out += channel.sequence(text) }
    if let title = alert.title {
      if !titlePushed { out += TerminalTitle.push }
      titlePushed = true
      out += TerminalTitle.set(title)
    }
    if !out.isEmpty { Self.write(out) }
  }

  deinit { stop() }

  /// Restores the terminal. Safe to call twice.
  public func stop() {
    guard !closed else { return }
    closed = true
    Self.write(modesOff + (titlePushed ? TerminalTitle.set("") + TerminalTitle.pop : ""))
    endwin()
    delscreen(screen)
  }

  public var size: (width: Int, height: Int) {
    var y: Int32 = 0, x: Int32 = 0
    cb_getmaxyx(window, &y, &x)
    return (Int(x), Int(y))
  }

  public func draw(_ grid: Grid) {
    werase(window)
    let (w, h) = size
    var cc = cchar_t()
    for y in 0..<min(h, grid.height) {
      for x in 0..<min(w, grid.width) {
        let cell = grid[x, y]
        guard let ch = cell.character else { continue }
        // A flag goes as its two letters, one column each; anything curses will not take whole (a mark it
        // refuses) as its base alone, which keeps the width the Grid reserved.
        let parts = ch.isASCII ? [Array(ch.unicodeScalars)] : CellWidth.cells(ch)
        for (i, part) in parts.enumerated() where x + i < w {
          var wide = part.map { wchar_t(bitPattern: $0.value) }
          wide.append(0)
          if setcchar(&cc, wide, attributes(cell.role), pair(cell.role), nil) == ERR {
            setcchar(&cc, [wide[0], 0], attributes(cell.role), pair(cell.role), nil)
          }
          mvwadd_wch(window, Int32(y), Int32(x + i), &cc)
        }
      }
    }
    if let c = grid.cursor, c.y < h, c.x < w { wmove(window, Int32(c.y), Int32(c.x)) }
    wnoutrefresh(window)
    doupdate()
  }

  private func attributes(_ role: Role) -> attr_t {
    let s = theme.style(role)
    var a = cb_a_normal()
    if s.bold { a |= cb_a_bold() }
    if s.dim { a |= cb_a_dim() }
    if s.underline { a |= cb_a_underline() }
    if s.reverse { a |= cb_a_reverse() }
    // Without colours the selection and the bars still stand out.
    if !colors, [.selected, .selectedUnread, .header, .status].contains(role) { a |= cb_a_reverse() }
    return a
  }

  private func pair(_ role: Role) -> Int16 {
    guard colors, let i = Role.allCases.firstIndex(of: role) else { return 0 }
    return Int16(i + 1)
  }

  /// A signal counts at once, also while the loop is not reading keys (effects out).
  public var ended: SessionEnd? {
    if let endedBy { return endedBy }
    let signalled = NCursesTerminal.terminationSignal
    return signalled != 0 ? .signal(signalled) : nil
  }
  var endedBy: SessionEnd?
  /// Reads that came back empty long before their timeout, in a row: what a terminal that went away looks like.
  var earlyEmptyReads = 0

  /// SGR reports say press and release, not double click: two presses on one cell within the interval are one.
  var lastClick: (at: UInt64, x: Int, y: Int)?

  static func inputHungUp() -> Bool {
    var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    guard poll(&fd, 1, 0) >= 0 else { return true }
    return fd.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
  }

  // SIGTERM, SIGHUP (a closed ssh session) and SIGINT from outside end the loop from any screen; the loop then
  // restores the terminal. The handler only records the signal (all a handler may safely do).
  // `nonisolated(unsafe)`: a `sig_atomic_t` the handler writes and the loop reads, as C allows.
  nonisolated(unsafe) static var terminationSignal: sig_atomic_t = 0
  /// Whether SIGTERM, SIGHUP or SIGQUIT has arrived since the terminal started.
  public static var signalReceived: Bool { terminationSignal != 0 }
  static func installSignalHandlers() {
    for s in [SIGTERM, SIGHUP, SIGQUIT] {
      signal(s) { n in NCursesTerminal.terminationSignal = n }
    }
  }
}
