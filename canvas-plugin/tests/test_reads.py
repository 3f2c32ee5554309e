"""`PUT /v1/messages/<id>/read` as Canvas hands it to the plugin, on the SDK's test database: the recipient's read
goes back through the SDK's `Message(...).edit()`; nobody else's does."""

import base64
import json
from datetime import UTC, datetime

from canvas_generated.messages.events_pb2 import Event as EventRequest
from canvas_sdk.effects import EffectType
from canvas_sdk.events import Event, EventType
from canvas_sdk.test_utils.factories import PatientFactory, StaffFactory
from canvas_sdk.v1.data.message import Message

from clinbox_companion.api import CompanionAPI

KEY = "the clinic's key"


def put(message_id: str, body) -> tuple[int, dict, list]:
    """The request, and what the plugin answers: the status, the JSON, the other effects."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    context = {"method": "PUT", "path": f"/v1/messages/{message_id}/read", "query_string": "",
               "body": base64.b64encode(raw).decode(),
               "headers": {"Authorization": KEY, "Content-Type": "application/json"}}
    effects = CompanionAPI(Event(EventRequest(type=EventType.SIMPLE_API_REQUEST, target="",
                                              context=json.dumps(context))), secrets={"api-key": KEY}).compute()
    responses = [e for e in effects if e.type == EffectType.SIMPLE_API_RESPONSE]
    assert len(responses) == 1
    payload = json.loads(responses[0].payload)
    answer = json.loads(base64.b64decode(payload["body"])) if payload.get("body") else {}
    return payload["status_code"], answer, [e for e in effects if e.type != EffectType.SIMPLE_API_RESPONSE]


def a_patients_message(to, read: datetime | None = None) -> Message:
    return Message.objects.create(content="words stay in Canvas", sender=PatientFactory.create().user,
                                  recipient=to.user, read=read)


def edits(effects: list) -> list[dict]:
    assert all(e.type == EffectType.Value("EDIT_MESSAGE") for e in effects)
    return [json.loads(e.payload)["data"] for e in effects]


def test_the_recipient_marks_it_read_through_the_sdk_and_is_told_when() -> None:
    doctor = StaffFactory.create(user__is_staff=True)
    message = a_patients_message(doctor)
    status, answer, effects = put(str(message.id), {"read": True, "staff": doctor.id})
    assert status == 200 and answer["id"] == str(message.id)
    at = datetime.fromisoformat(answer["read"].replace("Z", "+00:00"))
    assert abs((datetime.now(UTC) - at).total_seconds()) < 60
    [edit] = edits(effects)
    assert edit["message_id"] == str(message.id) and edit["read"] is not None
    assert edit["recipient_id"] == doctor.id, "the edit names the message as it is (Canvas checks all three)"


def test_reading_what_is_read_changes_nothing_and_answers_the_time_kept() -> None:
    doctor = StaffFactory.create(user__is_staff=True)
    kept = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    message = a_patients_message(doctor, read=kept)
    status, answer, effects = put(str(message.id), {"read": True, "staff": doctor.id})
    assert status == 200 and answer["read"] == "2026-12-01T09:30:00Z" and effects == []


def test_unread_again_clears_it() -> None:
    doctor = StaffFactory.create(user__is_staff=True)
    message = a_patients_message(doctor, read=datetime(2026, 12, 1, 9, 30, tzinfo=UTC))
    status, answer, effects = put(str(message.id), {"read": False, "staff": doctor.id})
    assert status == 200 and answer["read"] is None
    [edit] = edits(effects)
    assert edit["read"] is None


def test_only_the_recipient_may_and_a_wrong_request_is_said_plainly() -> None:
    doctor, nurse = StaffFactory.create(user__is_staff=True), StaffFactory.create(user__is_staff=True)
    message = a_patients_message(doctor)
    status, answer, effects = put(str(message.id), {"read": True, "staff": nurse.id})
    assert status == 403 and answer["error"] == "forbidden" and effects == []
    assert put("8f1c2d3e-0000-4000-8000-000000000000", {"read": True, "staff": doctor.id})[0] == 404
    assert put("not-an-id", {"read": True, "staff": doctor.id})[0] == 404
    assert put(str(message.id), {"read": "yes", "staff": doctor.id})[0] == 400
    assert put(str(message.id), b"{not json")[0] == 400
    assert Message.objects.get(id=message.id).read is None, "none of these changed the message"
