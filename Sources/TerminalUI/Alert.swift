import Foundation

/// Telling the clinician, outside the frame, that something arrived: the bell, a desktop notification, and the
/// terminal's title. Only words the caller chose reach the terminal (made inert like any drawn text).
public struct TerminalAlert: Equatable, Sendable {
  public var bell: Bool
  public var notification: String?
  /// nil leaves the title as it is.
  public var title: String?
  public init(bell: Bool, notification: String?, title: String?) {
    self.bell = bell; self.notification = notification; self.title = title
  }
}

/// How this terminal shows a desktop notification, from what the environment says it is. Inside tmux the bell is
/// the notification: tmux raises its own alert (`monitor-bell`, `alert-bell` hooks) and passes it on.
public enum NotificationChannel: Equatable, Sendable {
  /// `ESC ] 777 ; notify ; title ; body BEL`: rxvt-unicode, foot, WezTerm, Ghostty, VTE terminals.
  case osc777
  /// `ESC ] 9 ; body BEL`: iTerm2, kitty, Windows Terminal.
  case osc9
  /// tmux, or a terminal that shows neither.
  case bellOnly

  public static func detect(_ env: [String: String]) -> NotificationChannel {
    if env["TMUX"] != nil { return .bellOnly }
    let program = env["TERM_PROGRAM"] ?? ""
    let term = env["TERM"] ?? ""
    if ["iTerm.app",
        "kitty"].contains(program) || term.hasPrefix("xterm-kitty") || env["WT_SESSION"] != nil { return .osc9 }
    if ["WezTerm", "ghostty"].contains(program) || term.hasPrefix("rxvt") || term.hasPrefix("foot")
      || env["VTE_VERSION"] != nil { return .osc777 }
    return .bellOnly
  }

  /// The bytes that show `text` as a notification here ("" where there is no such thing).
  public func sequence(_ text: String) -> String {
    let body = Sanitizer.line(text).replacingOccurrences(of: ";", with: ",")
    switch self {
    case .osc777: return "\u{1B}]777;notify;clinbox;\(body)\u{07}"
    case .osc9: return "\u{1B}]9;\(body)\u{07}"
    case .bellOnly: return ""
    }
  }
}

/// The title sequences: set (OSC 2), and the xterm title stack, so that the title is given back on exit.
public enum TerminalTitle {
  public static func set(_ title: String) -> String { "\u{1B}]2;\(Sanitizer.line(title))\u{07}" }
  public static let push = "\u{1B}[22;0t"
  public static let pop = "\u{1B}[23;0t"
}
