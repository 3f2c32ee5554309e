import CCurses
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading a key: a wide character, an escape sequence (Alt, a bracketed paste, a mouse report) or a special key
/// from ncurses, and noticing a terminal that went away.
extension NCursesTerminal {
  public func readKey(timeoutMS: Int) -> Key? { nextKey(timeoutMS: timeoutMS, countingEmpty: true) }

  /// The next key, or nil when none came within `timeoutMS` or `wake` became readable (the loop has answers to
  /// take in): one wait on both, so that an answer is drawn at once and a key is read at once.
  public func readKey(timeoutMS: Int, wake: Int32?) -> Key? {
    guard let wake, wake >= 0 else { return readKey(timeoutMS: timeoutMS) }
    // What ncurses holds already (the rest of an escape sequence it read ahead) is not in the descriptor.
    if let key = nextKey(timeoutMS: 0, countingEmpty: false) { return key }
    if ended != nil { return nil }
    var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
               pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
    let ready = poll(&fds, 2, Int32(timeoutMS))
    let signalled = NCursesTerminal.terminationSignal
    if signalled != 0 {
      endedBy = .signal(signalled)
      return nil
    }
    // Input (or a hang-up, which the read then notices) goes through the read; a wake or the timeout is no key.
    guard ready > 0, fds[0].revents != 0 else { return nil }
    return readKey(timeoutMS: timeoutMS)
  }

  /// A key within `timeoutMS`; `countingEmpty`: an empty read long before its timeout counts toward a terminal
  /// that went away (a read that asks for nothing to wait for does not).
  private func nextKey(timeoutMS: Int, countingEmpty: Bool) -> Key? {
    repaintIfTheShellTookTheTerminal()
    wtimeout(window, Int32(timeoutMS))
    var ch: wint_t = 0
    let started = DispatchTime.now().uptimeNanoseconds
    let r = wget_wch(window, &ch)
    let signalled = NCursesTerminal.terminationSignal
    if signalled != 0 {
      endedBy = .signal(signalled)
      return nil
    }
    if r == ERR {
      let elapsedMS = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
      if countingEmpty { noteEmptyRead(elapsedMS: elapsedMS, timeoutMS: timeoutMS) }
      return nil
    }
    earlyEmptyReads = 0
    if r == KEY_CODE_YES, Int32(ch) == KEY_MOUSE {
      var e = MEVENT()
      guard getmouse(&e) == OK else { return nil }
      let kind: MouseEvent.Kind
      if e.bstate & cb_button1_double() != 0 { kind = .doubleClick }
      else if e.bstate & cb_button1_clicked() != 0 { kind = .click }
      else if e.bstate & cb_wheel_up() != 0 { kind = .wheelUp }
      else if e.bstate & cb_wheel_down() != 0 { kind = .wheelDown }
      else { return nil }
      return .mouse(MouseEvent(kind, x: Int(e.x), y: Int(e.y)))
    }
    if r == KEY_CODE_YES { return Self.special(Int32(ch)) }
    guard r == OK else { return nil }
    switch ch {
    case 10, 13: return .enter
    case 27: return afterEscape()
    case 9: return .tab
    case 8, 127: return .backspace
    case 1...26: return .control(Character(Unicode.Scalar(ch + 96)!))
    default:
      guard let s = Unicode.Scalar(ch) else { return nil }
      return .character(Character(s))
    }
  }

  /// After an ESC: read what follows it (a terminal sends a sequence at once) until `EscapeSequence` has decided.
  func afterEscape() -> Key? {
    wtimeout(window, 5)
    var read: [Unicode.Scalar] = []
    var decided = EscapeSequence.decode(read)
    if let first = nextScalar() {
      read.append(first)
      decided = EscapeSequence.decode(read)
      while decided == .incomplete, read.count < EscapeSequence.longest, let next = nextScalar() {
        read.append(next)
        decided = EscapeSequence.decode(read)
      }
    }
    switch decided {
    case .escape(let giveBack):
      for c in read.suffix(giveBack).reversed() { unget_wch(wchar_t(bitPattern: c.value)) }
      return .escape
    case .key(.mouse(let e)): return clickOrDoubleClick(e)
    case .key(let key): return key
    case .pasteStart: return paste()
    case .ignored: return nil
    case .incomplete:
      // It never ended: an Esc typed before `[` and more, or a line cut mid-sequence. Read as typed.
      for c in read.reversed() { unget_wch(wchar_t(bitPattern: c.value)) }
      return .escape
    }
  }

  /// A character already waiting, if any; a key curses decoded (Esc then an arrow) is put back for the next read.
  func nextScalar() -> Unicode.Scalar? {
    var ch: wint_t = 0
    let r = wget_wch(window, &ch)
    if r == KEY_CODE_YES {
      ungetch(Int32(ch))
      return nil
    }
    guard r == OK else { return nil }
    return Unicode.Scalar(ch)
  }

  /// The text of a bracketed paste, up to `ESC [ 201 ~`.
  func paste() -> Key {
    wtimeout(window, 200)
    var ch: wint_t = 0
    var text = [Unicode.Scalar]()
    let end: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]
    while wget_wch(window, &ch) != ERR {
      guard let s = Unicode.Scalar(ch) else { continue }
      text.append(s)
      if text.count >= end.count && Array(text.suffix(end.count)) == end { text.removeLast(end.count); break }
      if text.count > 1_000_000 { break }
    }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: text)
    return .paste(String(out))
  }

  func clickOrDoubleClick(_ e: MouseEvent) -> Key {
    guard e.kind == .click else { return .mouse(e) }
    let now = DispatchTime.now().uptimeNanoseconds
    if let last = lastClick, last.x == e.x, last.y == e.y, now - last.at < 300_000_000 {
      lastClick = nil
      return .mouse(MouseEvent(.doubleClick, x: e.x, y: e.y))
    }
    lastClick = (now, e.x, e.y)
    return .mouse(e)
  }

  static func special(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_NPAGE: return .pageDown
    case KEY_PPAGE: return .pageUp
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_BTAB: return .backTab
    case KEY_RESIZE: return .resize
    default:
      for n in 1...12 where code == cb_key_f(Int32(n)) { return .function(n) }
      return nil
    }
  }

  /// With its terminal gone (EOF, a hung-up pty) every read fails at once: without this check the loop would
  /// spin on a core forever (measured: 40–74% of a core per orphaned clinbox).
  func noteEmptyRead(elapsedMS: Int, timeoutMS: Int) {
    guard timeoutMS >= 20, elapsedMS < timeoutMS / 2 else {
      earlyEmptyReads = 0
      return
    }
    earlyEmptyReads += 1
    if earlyEmptyReads >= 3 || Self.inputHungUp() { endedBy = .terminalGone }
  }
}
