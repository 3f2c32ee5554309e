"""`GET /v1/changes` as Canvas hands it to the plugin, on the SDK's test database: a staff member's patient messages
(either way) and routings, oldest change first, paged with a cursor that loses and repeats nothing; ids, times and
read state only."""

import base64
import json
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from canvas_generated.messages.events_pb2 import Event as EventRequest
from canvas_sdk.events import Event, EventType
from canvas_sdk.test_utils.factories import PatientFactory, StaffFactory, TaskFactory
from canvas_sdk.v1.data.message import Message
from canvas_sdk.v1.data.task import Task

from clinbox_companion.api import CompanionAPI

KEY = "the clinic's key"
T0 = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def get(query: dict) -> tuple[int, dict, str]:
    context = {"method": "GET", "path": "/v1/changes", "query_string": urlencode(query),
               "body": "", "headers": {"Authorization": KEY}}
    [effect] = CompanionAPI(Event(EventRequest(type=EventType.SIMPLE_API_REQUEST, target="",
                                               context=json.dumps(context))), secrets={"api-key": KEY}).compute()
    payload = json.loads(effect.payload)
    text = base64.b64decode(payload["body"]).decode()
    return payload["status_code"], json.loads(text), text


def message(sender, recipient, minutes: float, text: str = "words stay in Canvas", read=None) -> Message:
    m = Message.objects.create(content=text, sender=sender.user, recipient=recipient.user, read=read)
    Message.objects.filter(id=m.id).update(modified=T0 + timedelta(minutes=minutes))   # as Canvas stamps it
    return Message.objects.get(id=m.id)


def task(minutes: float, **people) -> Task:
    t = TaskFactory.create(**people)
    Task.objects.filter(id=t.id).update(modified=T0 + timedelta(minutes=minutes))
    return Task.objects.get(id=t.id)


def everything(query: dict, limit: int) -> list[dict]:
    """Every change, page by page, as clinbox asks for them."""
    out, since = [], None
    for _ in range(50):
        status, body, _ = get({**query, "limit": limit, **({"since": since} if since else {})})
        assert status == 200
        out += body["changes"]
        since = body["next"]
        if not body["more"]:
            return out
    raise AssertionError("the feed never ended")


def test_a_staff_members_patient_messages_and_routings_oldest_first_and_nothing_else() -> None:
    doctor, nurse = StaffFactory.create(user__is_staff=True), StaffFactory.create(user__is_staff=True)
    ann, bob = PatientFactory.create(), PatientFactory.create()
    from_ann = message(ann, doctor, 1, text="I have chest pain", read=T0)
    to_bob = message(doctor, bob, 3)
    message(nurse, doctor, 2)                       # between staff: never in the feed
    message(bob, nurse, 4)                          # the nurse's patient message: not the doctor's
    routed_to = task(5, assignee=doctor, creator=nurse)
    routed_by = task(2.5, assignee=nurse, creator=doctor)
    task(6, assignee=nurse, creator=nurse)          # neither theirs
    status, body, text = get({"staff": doctor.id})
    assert status == 200 and body["more"] is False
    assert [(c["type"], c["id"]) for c in body["changes"]] == [
        ("message", str(from_ann.id)), ("task", str(routed_by.id)), ("message", str(to_bob.id)),
        ("task", str(routed_to.id))]
    assert body["changes"][0]["read"] == "2026-12-03T09:00:00Z" and body["changes"][2]["read"] is None
    assert "chest pain" not in text and ann.first_name not in text, "ids, times and read state only"


def test_paging_loses_and_repeats_nothing_even_where_changes_share_a_time() -> None:
    doctor = StaffFactory.create(user__is_staff=True)
    patients = [PatientFactory.create() for _ in range(3)]
    made = [message(patients[i % 3], doctor, i // 2) for i in range(9)]       # pairs share a time
    made_tasks = [task(1, assignee=doctor) for _ in range(3)]
    whole = get({"staff": doctor.id})[1]["changes"]
    assert len(whole) == 12
    assert sorted(c["id"] for c in whole) == sorted([str(m.id) for m in made] + [str(t.id) for t in made_tasks])
    for size in (1, 2, 5):
        assert everything({"staff": doctor.id}, size) == whole, f"pages of {size} give the same changes in order"


def test_a_read_made_later_comes_again_after_the_cursor_with_its_time() -> None:
    doctor, ann = StaffFactory.create(user__is_staff=True), PatientFactory.create()
    m = message(ann, doctor, 1)
    _, first, _ = get({"staff": doctor.id})
    assert first["changes"][0]["read"] is None
    Message.objects.filter(id=m.id).update(read=T0 + timedelta(minutes=30), modified=T0 + timedelta(minutes=30))
    _, later, _ = get({"staff": doctor.id, "since": first["next"]})
    assert [(c["id"], c["read"]) for c in later["changes"]] == [(str(m.id), "2026-12-03T09:30:00Z")]
    _, nothing, _ = get({"staff": doctor.id, "since": later["next"]})
    assert nothing["changes"] == [] and nothing["next"] == later["next"], "an empty page keeps the cursor"


def test_any_staff_is_every_patient_message_and_no_routing() -> None:
    doctor, nurse, ann = (StaffFactory.create(user__is_staff=True), StaffFactory.create(user__is_staff=True),
                          PatientFactory.create())
    a, b = message(ann, doctor, 1), message(nurse, ann, 2)
    message(doctor, nurse, 3)
    task(4, assignee=doctor)
    _, body, _ = get({"staff": "*"})
    assert [c["id"] for c in body["changes"]] == [str(a.id), str(b.id)]


def test_a_wrong_question_is_said_plainly() -> None:
    doctor = StaffFactory.create(user__is_staff=True)
    assert get({"staff": "nobody"})[0] == 404
    assert get({"staff": doctor.id, "since": "not a cursor"})[0] == 400
    assert get({"staff": doctor.id, "limit": "0"})[0] == 400
    assert get({"staff": doctor.id, "limit": "501"})[0] == 400
    assert get({})[0] == 400
