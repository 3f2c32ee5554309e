import Clinic
import TerminalUI

/// Where the compose pane puts the patient's words and the reply: side by side when the screen is wide enough for
/// both to read (the thread on the left), else the message being answered above the editor; the editor alone when
/// the patient has no message yet or the screen is too small to share. The reducer moves the cursor by the same
/// rows the screen draws, so both take the editor's width from here.
struct ComposeLayout: Equatable {
  enum Kind: Equatable { case alone, stacked, beside }
  var kind: Kind
  /// The thread (beside) or the answered message (stacked).
  var context: Rect
  /// The rule between the two: a column (beside) or a row (stacked).
  var rule: Rect
  var editor: Rect

  /// From this width the thread sits beside the editor: two panes of 55 columns or more.
  static let besideWidth = 110

  init(width: Int, height: Int, hasContext: Bool, contextLines: Int = 0) {
    let body = Rect(x: 0, y: 1, width: width, height: max(0, height - 2))
    if hasContext && width >= Self.besideWidth {
      kind = .beside
      let left = width * 2 / 5
      // A blank column either side of the rule, so neither pane's text touches it.
      context = Rect(x: 0, y: body.y, width: left - 1, height: body.height)
      rule = Rect(x: left, y: body.y, width: 1, height: body.height)
      editor = Rect(x: left + 2, y: body.y, width: width - left - 2, height: body.height)
    } else if hasContext && body.height >= 8 {
      kind = .stacked
      // The message gets what it needs up to a third of the body; the reply keeps the rest.
      let rows = max(2, min(contextLines, body.height / 3))
      let (top, rest) = body.splitTop(rows)
      let (line, below) = rest.splitTop(1)
      context = top
      rule = line
      editor = below
    } else {
      kind = .alone
      context = Rect(x: 0, y: body.y, width: 0, height: 0)
      rule = context
      editor = body
    }
  }
}

extension ComposeState {
  /// The message a reply answers: the patient's newest, else the thread's newest.
  var answering: Message? { thread.last(where: \.isFromPatient) ?? thread.last }
}

extension AppState {
  /// The compose pane's layout for this screen (the editor alone outside it).
  var composeLayout: ComposeLayout {
    guard let c = compose else { return ComposeLayout(width: width, height: height, hasContext: false) }
    let lines = c.answering.map { ComposeContext.answered($0, width: width, state: self).count } ?? 0
    return ComposeLayout(width: width, height: height, hasContext: c.answering != nil, contextLines: lines)
  }

  /// The editor's text width: one column is kept for the cursor after a full row.
  var editorWidth: Int { max(1, composeLayout.editor.width - 1) }
}
