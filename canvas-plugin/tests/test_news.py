"""The WebSocket channels and their news, on Canvas's SDK: connections let in by the clinic's key, and each message
and routing event broadcast as ids and a time to the channels of the staff it concerns (events as Canvas sends them).
"""

import json

from canvas_generated.messages.events_pb2 import Event as EventRequest
from canvas_sdk.effects import EffectType
from canvas_sdk.events import Event, EventType
from canvas_sdk.test_utils.factories import PatientFactory, StaffFactory, TaskFactory
from canvas_sdk.v1.data.message import Message, MessageTransmission

from clinbox_companion.news import CompanionSocket, News

KEY = "the clinic's key"


def connect(channel: str, key: str | None) -> str:
    headers = {"Authorization": key} if key is not None else {}
    request = EventRequest(type=EventType.SIMPLE_API_WEBSOCKET_AUTHENTICATE, target="",
                           context=json.dumps({"channel_name": channel, "headers": headers}))
    [effect] = CompanionSocket(Event(request), secrets={"api-key": KEY}).compute()
    return EffectType.Name(effect.type)


def told(kind: int, target: str, target_type: str) -> list[tuple[str, dict]]:
    """The broadcasts the event makes: (channel, frame) each."""
    effects = News(Event(EventRequest(type=kind, target=target, target_type=target_type, context="{}"))).compute()
    assert all(e.type == EffectType.SIMPLE_API_WEBSOCKET_BROADCAST for e in effects)
    return [(p["channel"], p["message"]) for p in (json.loads(e.payload)["data"] for e in effects)]


def test_the_clinics_key_opens_a_staff_members_channel_or_the_practices_and_nothing_else() -> None:
    doctor = StaffFactory.create(user__is_staff=True)
    assert connect(f"staff-{doctor.id}", KEY) == "SIMPLE_API_WEBSOCKET_ACCEPT"
    assert connect("practice", KEY) == "SIMPLE_API_WEBSOCKET_ACCEPT"
    assert connect(f"staff-{doctor.id}", "guess") == "SIMPLE_API_WEBSOCKET_DENY"
    assert connect(f"staff-{doctor.id}", None) == "SIMPLE_API_WEBSOCKET_DENY"
    assert connect("staff-nobody", KEY) == "SIMPLE_API_WEBSOCKET_DENY"
    assert connect("everyone", KEY) == "SIMPLE_API_WEBSOCKET_DENY"


def test_a_patients_message_is_told_to_its_clinician_and_the_practice_as_ids_only() -> None:
    doctor, ann = StaffFactory.create(user__is_staff=True), PatientFactory.create()
    m = Message.objects.create(content="I have chest pain", sender=ann.user, recipient=doctor.user)
    news = told(EventType.MESSAGE_CREATED, str(m.id), "Message")
    assert [channel for channel, _ in news] == [f"staff-{doctor.id}", "practice"]
    frame = news[0][1]
    assert frame["type"] == "message" and frame["id"] == str(m.id) and frame["modified"].endswith("Z")
    assert set(frame) == {"type", "id", "modified"}, "no words, no names in a frame"
    reply = Message.objects.create(content="Call 911 now", sender=doctor.user, recipient=ann.user)
    sent = MessageTransmission.objects.create(message=reply, contact_point_system="manual", contact_point_value="",
                                              comment="")
    assert [c for c, _ in told(EventType.MESSAGE_TRANSMISSION_CREATED, str(sent.id), "MessageTransmission")] == [
        f"staff-{doctor.id}", "practice"]


def test_a_message_between_staff_is_told_to_nobody() -> None:
    doctor, nurse = StaffFactory.create(user__is_staff=True), StaffFactory.create(user__is_staff=True)
    m = Message.objects.create(content="lunch?", sender=nurse.user, recipient=doctor.user)
    assert told(EventType.MESSAGE_CREATED, str(m.id), "Message") == []


def test_a_routing_is_told_to_its_owner_and_its_requester() -> None:
    doctor, nurse = StaffFactory.create(user__is_staff=True), StaffFactory.create(user__is_staff=True)
    t = TaskFactory.create(assignee=doctor, creator=nurse)
    for kind in (EventType.TASK_CREATED, EventType.TASK_UPDATED, EventType.TASK_COMPLETED, EventType.TASK_CLOSED):
        news = told(kind, str(t.id), "Task")
        assert sorted(c for c, _ in news) == sorted([f"staff-{doctor.id}", f"staff-{nurse.id}"])
        assert all(frame == {"type": "task", "id": str(t.id), "modified": news[0][1]["modified"]} for _, frame in news)
