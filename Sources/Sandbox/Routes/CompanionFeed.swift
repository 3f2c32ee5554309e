import Foundation
import FHIR
import GRDB

/// The companion's changes feed and read write-back (`companion-api.md`) over the sandbox's own tables, as the
/// plugin serves them over Canvas's: a message's `modified` is its row's `updated`, its read time `received`.
extension SandboxServer {
  /// `GET /v1/changes?staff=&since=&limit=`: oldest change first, ties by id, an opaque cursor.
  func companionChanges(_ params: SearchParams) -> HTTPResponse {
    guard let staff = params["staff"], !staff.isEmpty else {
      return Self.companionError(400, "bad-request", "staff is a staff id, or * for any staff")
    }
    let limit = params["limit"].map { Int($0) ?? 0 } ?? 200
    guard (1...500).contains(limit) else { return Self.companionError(400, "bad-request", "limit is 1 to 500") }
    var since: (Double, String)?
    if let text = params["since"] {
      guard let at = Self.readCursor(text), !news.takeCursorRefusal() else {
        return Self.companionError(400, "bad-request", "the cursor cannot be read: ask again without one")
      }
      since = at
    }
    let me = "Practitioner/\(staff)"
    if staff != "*" && store.value("SELECT 1 FROM practitioner WHERE id = ?", [staff]) as Int? == nil {
      return Self.companionError(404, "not-found", "no such staff member")
    }
    let messages = staff == "*"
      ? "(sender LIKE 'Patient/%' AND recipient LIKE 'Practitioner/%') OR (sender LIKE 'Practitioner/%' "
        + "AND recipient LIKE 'Patient/%')"
      : "(sender = :me AND recipient LIKE 'Patient/%') OR (recipient = :me AND sender LIKE 'Patient/%')"
    let past = "(:at IS NULL OR m > :at OR (m = :at AND id > :id))"
    let sql = """
      SELECT * FROM (
        SELECT 'message' AS type, id, updated AS m, received FROM communication WHERE \(messages)
        UNION ALL
        SELECT 'task', id, modified, NULL FROM task
        WHERE :me <> 'Practitioner/*' AND (owner = :me OR json_extract(json, '$.requester.reference') = :me)
      ) WHERE \(past) ORDER BY m, id LIMIT :limit
      """
    let args: StatementArguments = ["me": me, "at": since?.0, "id": since?.1 ?? "", "limit": limit + 1]
    let rows = (try? store.pool.read { db in try Row.fetchAll(db, sql: sql, arguments: args) }) ?? []
    let page = rows.prefix(limit)
    let changes: [JSONValue] = page.map { row in
      var change: [String: JSONValue] = ["type": .string(row["type"]), "id": .string(row["id"]),
                                         "modified": .string(Self.time(row["m"]))]
      if row["type"] == "message" {
        change["read"] = (row["received"] as Double?).map { .string(Self.time($0)) } ?? .null
      }
      return .object(change)
    }
    let next = page.last.map { Self.cursor($0["m"], $0["id"]) } ?? params["since"]
    return Reply.raw(JSONValue.object(["changes": .array(changes), "next": next.map(JSONValue.string) ?? .null,
                                       "more": .bool(rows.count > limit)]).jsonText)
  }

  /// `PUT /v1/messages/<id>/read` `{"read": Bool, "staff": id}`: only the message's recipient; idempotent.
  func companionRead(_ id: String, _ body: Data) -> HTTPResponse {
    guard let json = try? JSONParser.parse(Array(body)), case .bool(let read)? = json["read"],
          let staff = json["staff"]?.stringValue else {
      return Self.companionError(400, "bad-request", "the body is {\"read\": true|false, \"staff\": \"<id>\"}")
    }
    guard let recipient: String = store.value("SELECT recipient FROM communication WHERE id = ?", [id]) else {
      return Self.companionError(404, "not-found", "no such message")
    }
    guard recipient == "Practitioner/\(staff)" else {
      return Self.companionError(403, "forbidden", "only the message's recipient marks it read")
    }
    let kept: Double? = store.value("SELECT received FROM communication WHERE id = ?", [id])
    var at = kept
    if read != (kept != nil) {
      let now = Date().timeIntervalSince1970
      at = read ? now : nil
      _ = try? store.pool.write { db in
        try db.execute(sql: "UPDATE communication SET received = ?, updated = ? WHERE id = ?", arguments: [at, now, id])
      }
    }
    return Reply.raw(JSONValue.object(["id": .string(id), "read": at.map { .string(Self.time($0)) } ?? .null]).jsonText)
  }

  /// An instant as the plugin writes one: UTC, microseconds, `Z` — the same microseconds the sandbox's FHIR answers
  /// with (rounded, as `Instant.formatMicroseconds` rounds), as Canvas's one row shows the same time in both.
  static func time(_ seconds: Double) -> String {
    String(Instant.formatMicroseconds(Date(timeIntervalSince1970: seconds)).dropLast(6)) + "Z"
  }

  static func cursor(_ at: Double, _ id: String) -> String {
    let text = JSONValue.object(["m": .number(at), "id": .string(id)]).jsonText
    return Data(text.utf8).base64EncodedString()
  }

  static func readCursor(_ text: String) -> (Double, String)? {
    guard let data = Data(base64Encoded: text), let json = try? JSONParser.parse(Array(data)),
          case .number(let at)? = json["m"], let id = json["id"]?.stringValue else { return nil }
    return (at, id)
  }
}
