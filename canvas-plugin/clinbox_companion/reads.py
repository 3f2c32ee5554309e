"""`PUT /v1/messages/<id>/read`: a message's read state written back through the SDK's `Message(...).edit()`, so a
message read in clinbox is read in Canvas and in every colleague's clinbox (companion-api.md)."""

from datetime import UTC, datetime
from http import HTTPStatus
from uuid import UUID

from canvas_sdk.effects import Effect
from canvas_sdk.effects.note.message import Message as MessageEffect
from canvas_sdk.effects.simple_api import JSONResponse
from canvas_sdk.v1.data.message import Message


def error(status: HTTPStatus, code: str, words: str) -> JSONResponse:
    return JSONResponse({"error": code, "message": words}, status_code=status)


def when(at: datetime | None) -> str | None:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z") if at else None


def set_read(message_id: str, body, now: datetime) -> list[Effect | JSONResponse]:
    """What the request asks, checked as the contract says: only the message's recipient may set it; setting what is
    set answers with the time already recorded."""
    if not isinstance(body, dict) or not isinstance(body.get("read"), bool) or not isinstance(body.get("staff"), str):
        return [error(HTTPStatus.BAD_REQUEST, "bad-request", 'the body is {"read": true|false, "staff": "<id>"}')]
    try:
        key = UUID(message_id)
    except ValueError:
        return [error(HTTPStatus.NOT_FOUND, "not-found", "no such message")]
    message = Message.objects.select_related("sender", "recipient").filter(id=key).first()
    if message is None:
        return [error(HTTPStatus.NOT_FOUND, "not-found", "no such message")]
    recipient = message.recipient
    if recipient is None or not recipient.is_staff or recipient.staff.id != body["staff"]:
        return [error(HTTPStatus.FORBIDDEN, "forbidden", "only the message's recipient marks it read")]
    wanted = body["read"]
    if wanted == (message.read is not None):
        return [JSONResponse({"id": message_id, "read": when(message.read)}, status_code=HTTPStatus.OK)]
    at = now if wanted else None
    edit = MessageEffect(message_id=message.id, content=message.content,
                         sender_id=message.sender.person_subclass.id, recipient_id=recipient.staff.id,
                         read=at).edit()
    return [edit, JSONResponse({"id": message_id, "read": when(at)}, status_code=HTTPStatus.OK)]
