"""News within a second (companion-api.md, "WebSocket"): one channel per staff member (`staff-<id>`) and
`practice`; each message or routing event that concerns a staff member is broadcast to theirs as ids and a time.
An event is a hint, not the record: clinbox answers it by asking `/v1/changes`, so a lost one loses nothing."""

from canvas_sdk.effects import Effect
from canvas_sdk.effects.simple_api import Broadcast
from canvas_sdk.events import EventType
from canvas_sdk.handlers import BaseHandler
from canvas_sdk.handlers.simple_api.websocket import WebSocketAPI
from canvas_sdk.v1.data.message import Message, MessageTransmission
from canvas_sdk.v1.data.staff import Staff
from canvas_sdk.v1.data.task import Task

from clinbox_companion.auth import key_matches
from clinbox_companion.reads import when

PRACTICE = "practice"
MESSAGE_EVENTS = [EventType.MESSAGE_CREATED, EventType.MESSAGE_TRANSMISSION_CREATED]
TASK_EVENTS = [EventType.TASK_CREATED, EventType.TASK_UPDATED, EventType.TASK_COMPLETED, EventType.TASK_CLOSED]


def staff_channel(staff_id: str) -> str:
    return f"staff-{staff_id}"


class CompanionSocket(WebSocketAPI):
    """Lets in whoever holds the clinic's key, on `practice` or the channel of a staff member who exists."""

    def authenticate(self) -> bool:
        if not key_matches(self.websocket.api_key, self.secrets.get("api-key")):
            return False
        channel = self.websocket.channel or ""
        if channel == PRACTICE:
            return True
        return channel.startswith("staff-") and Staff.objects.filter(id=channel[len("staff-"):]).exists()


def message_news(message: Message) -> list[Effect]:
    """A patient's message, either way: to the staff member's channel and to `practice`. Never a message between
    staff members (FHIR never shows those)."""
    sender, recipient = message.sender, message.recipient
    staff = [u for u in (sender, recipient) if u is not None and u.is_staff]
    patients = [u for u in (sender, recipient) if u is not None and not u.is_staff]
    if not patients or len(staff) > 1:
        return []
    frame = {"type": "message", "id": str(message.id), "modified": when(message.modified)}
    channels = [staff_channel(u.staff.id) for u in staff] + [PRACTICE]
    return [Broadcast(channel=c, message=frame).apply() for c in channels]


def task_news(task: Task) -> list[Effect]:
    """A routing created, changed, completed or closed: to its owner's and its requester's channels."""
    frame = {"type": "task", "id": str(task.id), "modified": when(task.modified)}
    keys = sorted({s.id for s in (task.assignee, task.creator) if s is not None})
    return [Broadcast(channel=staff_channel(k), message=frame).apply() for k in keys]


class News(BaseHandler):
    """Each message and routing event, told to the channels it concerns."""

    RESPONDS_TO = [EventType.Name(e) for e in MESSAGE_EVENTS + TASK_EVENTS]

    def compute(self) -> list[Effect]:
        target = self.event.target.id
        if self.event.type == EventType.MESSAGE_TRANSMISSION_CREATED:
            transmission = MessageTransmission.objects.select_related("message").filter(id=target).first()
            message = transmission.message if transmission else None
        elif self.event.type == EventType.MESSAGE_CREATED:
            message = Message.objects.filter(id=target).first()
        else:
            task = Task.objects.select_related("assignee", "creator").filter(id=target).first()
            return task_news(task) if task else []
        return message_news(message) if message else []
