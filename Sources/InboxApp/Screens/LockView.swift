import TerminalUI

/// The lock screen: the whole frame, and nothing from behind it — no patient, no count, no server text.
enum LockView {
  static func draw(_ lock: LockScreen, _ state: AppState, into g: inout Grid) {
    let idle = state.config.lockAfter < 60 ? "\(Int(state.config.lockAfter.rounded())) s"
      : "\(Int((state.config.lockAfter / 60).rounded())) min"
    let prompt = "Type your passphrase, then Enter:"
    let lines = [
      "clinbox is locked" + (state.config.lockAfter > 0 ? " (after \(idle) without a key, or :lock)" : ""),
      "",
      prompt,
      String(repeating: "•", count: min(lock.entry.count, 40)) + "▏",
      "",
      lock.message ?? "",
    ]
    let top = max(0, (state.height - lines.count) / 2)
    for (i, line) in lines.enumerated() where top + i < state.height {
      let text = TextLayout.truncate(line, to: max(0, state.width - 4))
      let x = max(0, (state.width - CellWidth.of(text)) / 2)
      g.put(text, x: x, y: top + i, role: i == 0 ? .header : (i == 5 ? .warning : .normal))
    }
  }
}
