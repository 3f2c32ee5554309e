"""Delivery of every staff member's message to the patient's app: the protocol of Canvas's messaging guide on
today's SDK, with clinbox's own webhook's body and headers, so that one receiver serves both and dedupes by
`X-Clinbox-Delivery` (companion-api.md, "Delivery to the patient's app").
"""

import hmac
import json
from hashlib import sha256

from canvas_sdk.effects import Effect
from canvas_sdk.effects.http_request import HttpMethod, HttpRequestEffect
from canvas_sdk.events import EventType
from canvas_sdk.handlers import BaseHandler
from canvas_sdk.v1.data.message import Message, MessageTransmission
from logger import log

from clinbox_companion.fhir import FhirReader

# What Canvas retries a delivery on, and how often: a receiver that is down for a while still gets the message.
RETRY_ON = [429, 500, 502, 503, 504]
MAX_RETRIES = 8
# FHIR's words for a message that has not reached the patient: a draft in Canvas, or one scheduled for later.
NOT_SENT = ("preparation", "in-progress")


def signature(body: str, secret: str) -> str:
    """`sha256=<hex>`: the HMAC-SHA256 of the body with the patient app's secret, as clinbox's webhook signs."""
    return "sha256=" + hmac.new(secret.encode(), body.encode(), sha256).hexdigest()


def delivery(url: str, secret: str, message_id: str, body: str) -> Effect:
    """The POST Canvas makes for the plugin: retried on the codes above, the same id on every attempt."""
    headers = {"Content-Type": "application/json", "X-Clinbox-Delivery": message_id,
               "X-Clinbox-Signature": signature(body, secret), "User-Agent": "clinbox-companion"}
    effect = HttpRequestEffect(url=url, method=HttpMethod.POST, headers=headers, body=body,
                               retry_on_status_codes=RETRY_ON)
    return effect.apply().set_async(delay_seconds=0, max_retries=MAX_RETRIES)


def from_staff_to_patient(message: Message) -> bool:
    """Only a staff member's message to a patient goes to the patient's app: never a patient's own words, never a
    message between staff members."""
    sender, recipient = message.sender, message.recipient
    return sender is not None and sender.is_staff and recipient is not None and not recipient.is_staff


def first_transmission(transmission: MessageTransmission) -> bool:
    """A message is delivered at its first transmission only: another channel's later one sends nothing again."""
    first = (MessageTransmission.objects.filter(message_id=transmission.message_id)
             .order_by("created", "dbid").values_list("id", flat=True).first())
    return first == transmission.id


class DeliverToPatientApp(BaseHandler):
    """A message transmitted: read through FHIR and POSTed, signed, to the patient app (when its secrets are set)."""

    RESPONDS_TO = EventType.Name(EventType.MESSAGE_TRANSMISSION_CREATED)

    def fhir_reader(self) -> FhirReader:
        return FhirReader.for_instance(self.environment["CUSTOMER_IDENTIFIER"], self.secrets["fhir-client-id"],
                                       self.secrets["fhir-client-secret"])

    def compute(self) -> list[Effect]:
        url, secret = self.secrets.get("patient-app-url"), self.secrets.get("patient-app-secret")
        if not url or not secret:
            return []
        transmission = (MessageTransmission.objects.select_related("message__sender", "message__recipient")
                        .filter(id=self.event.target.id).first())
        message = transmission.message if transmission else None
        if message is None or not from_staff_to_patient(message) or not first_transmission(transmission):
            return []
        message_id = str(message.id)
        try:
            body = self.fhir_reader().read_text("Communication", message_id)
        except Exception as error:  # the read failed: said in the log by id, never with the message's words
            log.error(f"clinbox_companion: message {message_id} not delivered: the FHIR read failed ({error})")
            return []
        if json.loads(body).get("status") in NOT_SENT:
            return []
        return [delivery(url, secret, message_id, body)]
