/// What a cell is, not how it looks: the backend (and, later, themes) decide colours and attributes.
/// Nothing is told by colour alone — unread rows also carry a mark, the selection also the cursor.
public enum Role: String, Sendable, CaseIterable {
  case normal
  case selected
  case unread
  case selectedUnread
  case header
  case status
  case dim
  case banner
  case warning
}
