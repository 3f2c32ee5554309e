"""`GET /v1/changes`: what changed for a staff member since a cursor — ids, times and read state only, oldest first,
ties by id, paged so that nothing is lost or repeated (companion-api.md). A read made in Canvas's UI emits no event
but changes a message's `modified`, so it shows up here."""

import base64
import json
from datetime import UTC, datetime
from http import HTTPStatus

from django.db.models import Q

from canvas_sdk.effects.simple_api import JSONResponse
from canvas_sdk.v1.data.message import Message
from canvas_sdk.v1.data.staff import Staff
from canvas_sdk.v1.data.task import Task

from clinbox_companion.reads import error, when

DEFAULT_LIMIT, MAX_LIMIT = 200, 500


class BadRequest(Exception):
    pass


def cursor(modified: datetime, key: str) -> str:
    """Opaque to clinbox: where the last change returned stands in the order."""
    text = json.dumps({"m": modified.astimezone(UTC).isoformat(), "id": key})
    return base64.urlsafe_b64encode(text.encode()).decode()


def read_cursor(text: str) -> tuple[datetime, str]:
    try:
        data = json.loads(base64.urlsafe_b64decode(text.encode()).decode())
        return datetime.fromisoformat(data["m"]), str(data["id"])
    except (ValueError, KeyError, TypeError) as problem:
        raise BadRequest("the cursor cannot be read: ask again without one") from problem


def read_limit(text: str | None) -> int:
    if text is None:
        return DEFAULT_LIMIT
    try:
        limit = int(text)
    except ValueError as problem:
        raise BadRequest(f"limit is a number from 1 to {MAX_LIMIT}") from problem
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"limit is a number from 1 to {MAX_LIMIT}")
    return limit


def after(rows, since: tuple[datetime, str] | None, limit: int) -> list:
    """At most `limit + 1` rows past the cursor, in the feed's order."""
    if since is not None:
        at, key = since
        rows = rows.filter(Q(modified__gt=at) | Q(modified=at, id__gt=key))
    return list(rows.order_by("modified", "id")[: limit + 1])


def feed(staff: str | None, since: str | None, limit_text: str | None) -> JSONResponse:
    try:
        limit = read_limit(limit_text)
        start = read_cursor(since) if since else None
    except BadRequest as problem:
        return error(HTTPStatus.BAD_REQUEST, "bad-request", str(problem))
    if not staff:
        return error(HTTPStatus.BAD_REQUEST, "bad-request", "staff is a staff id, or * for any staff")
    if staff == "*":
        # Every message between a patient and any staff member: never one between staff members, nor a Task.
        messages = Message.objects.filter(Q(sender__is_staff=True, recipient__is_staff=False)
                                          | Q(sender__is_staff=False, recipient__is_staff=True))
        tasks = Task.objects.none()
    else:
        member = Staff.objects.select_related("user").filter(id=staff).first()
        if member is None:
            return error(HTTPStatus.NOT_FOUND, "not-found", "no such staff member")
        user = member.user
        messages = Message.objects.filter(Q(sender=user, recipient__is_staff=False)
                                          | Q(recipient=user, sender__is_staff=False))
        tasks = Task.objects.filter(Q(assignee=member) | Q(creator=member))
    found = [(m.modified, str(m.id), {"type": "message", "id": str(m.id), "modified": when(m.modified),
                                     "read": when(m.read)}) for m in after(messages, start, limit)]
    found += [(t.modified, str(t.id), {"type": "task", "id": str(t.id), "modified": when(t.modified)})
              for t in after(tasks, start, limit)]
    found.sort(key=lambda change: (change[0], change[1]))
    page = found[:limit]
    following = cursor(page[-1][0], page[-1][1]) if page else since
    return JSONResponse({"changes": [change for _, _, change in page], "next": following,
                         "more": len(found) > limit}, status_code=HTTPStatus.OK)
