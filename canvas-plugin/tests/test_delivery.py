"""Delivery to the patient's app, on Canvas's SDK: its test database and factories for the message, an event built
as Canvas sends it (a `MessageTransmission` as the target), the message read through FHIR from clinbox's sandbox on
loopback, and the effect the handler returns read as Canvas would carry it out."""

import hashlib
import hmac
import json
import uuid

from canvas_generated.messages.events_pb2 import Event as EventRequest
from canvas_sdk.effects import EffectType
from canvas_sdk.events import Event, EventType
from canvas_sdk.test_utils.factories import PatientFactory, StaffFactory
from canvas_sdk.v1.data.message import Message, MessageTransmission

from clinbox_companion.delivery import DeliverToPatientApp
from clinbox_companion.fhir import FhirReader

APP = "https://app.example.org/clinbox"
SECRET = "the patient app's secret"
SECRETS = {"patient-app-url": APP, "patient-app-secret": SECRET, "fhir-client-id": "demo",
           "fhir-client-secret": "demo", "api-key": "k"}


class DeliveryFromSandbox(DeliverToPatientApp):
    """The handler, its FHIR reads sent to the sandbox instead of the instance's host."""

    sandbox = None

    def fhir_reader(self) -> FhirReader:
        s = self.sandbox
        return FhirReader(s.url, f"{s.url}/auth/token/", self.secrets["fhir-client-id"],
                          self.secrets["fhir-client-secret"])


def transmitted(transmission: MessageTransmission, sandbox, secrets=SECRETS) -> list:
    """What the handler does when Canvas says the transmission was created."""
    request = EventRequest(type=EventType.MESSAGE_TRANSMISSION_CREATED, target=str(transmission.id),
                           target_type="MessageTransmission", context="{}")
    DeliveryFromSandbox.sandbox = sandbox
    return DeliveryFromSandbox(Event(request), secrets=secrets,
                               environment={"CUSTOMER_IDENTIFIER": "local"}).compute()


def on_server(sandbox, text: str, sender: str, recipient: str) -> str:
    """A Communication created on the sandbox as Canvas creates one: its id (a dashed UUID, as Canvas's are)."""
    status, headers, _ = sandbox.request("POST", "/Communication", {
        "resourceType": "Communication", "status": "unknown", "sent": "2026-12-03T10:00:00Z",
        "sender": {"reference": sender}, "recipient": [{"reference": recipient}],
        "payload": [{"contentString": text}]})
    assert status == 201
    # `.../Communication/<id>/_history/1`, as Canvas answers a create
    parts = headers["Location"].split("/")
    return parts[parts.index("Communication") + 1]


def a_patient(sandbox) -> str:
    _, _, body = sandbox.request("GET", f"/Communication?recipient=Practitioner/{sandbox.me}&_count=1")
    return json.loads(body)["entry"][0]["resource"]["sender"]["reference"]


def message(message_id: str, sender, recipient) -> Message:
    return Message.objects.create(id=uuid.UUID(message_id), content="words stay in Canvas",
                                  sender=sender.user, recipient=recipient.user)


def transmission(of: Message) -> MessageTransmission:
    return MessageTransmission.objects.create(message=of, contact_point_system="manual", contact_point_value="",
                                              comment="")


def test_a_clinicians_message_is_posted_signed_with_the_communication_as_fhir_returned_it(sandbox) -> None:
    patient_ref = a_patient(sandbox)
    message_id = on_server(sandbox, "Your results are normal.", f"Practitioner/{sandbox.me}", patient_ref)
    sent = transmission(message(message_id, StaffFactory.create(user__is_staff=True), PatientFactory.create()))

    effects = transmitted(sent, sandbox)

    assert [e.type for e in effects] == [EffectType.HTTP_REQUEST]
    payload = json.loads(effects[0].payload)
    request = payload["data"]
    assert request["url"] == APP and request["method"] == "POST"
    headers = request["headers"]
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Clinbox-Delivery"] == message_id, "the Communication id, as clinbox's own webhook sends"
    body = request["body"]
    expected = "sha256=" + hmac.new(SECRET.encode(), body.encode(), hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Clinbox-Signature"], expected), "a receiver's check of the body passes"
    communication = json.loads(body)
    _, _, read = sandbox.request("GET", f"/Communication/{message_id}")
    assert communication == json.loads(read), "the Communication as the server returns it"
    assert communication["payload"][0]["contentString"] == "Your results are normal."
    assert sorted(request["retry_on_status_codes"]) == [429, 500, 502, 503, 504]
    assert payload["async_props"]["max_retries"] >= 5


def test_a_second_transmission_of_the_same_message_delivers_nothing_again(sandbox) -> None:
    message_id = on_server(sandbox, "See you Thursday.", f"Practitioner/{sandbox.me}", a_patient(sandbox))
    sent = message(message_id, StaffFactory.create(user__is_staff=True), PatientFactory.create())
    first, again = transmission(sent), transmission(sent)
    assert transmitted(again, sandbox) == [], "another channel's transmission is not a second delivery"
    assert len(transmitted(first, sandbox)) == 1


def test_a_draft_in_canvas_is_not_delivered(sandbox) -> None:
    # The sandbox seeds what Canvas's search also returns: a draft the demo clinician left (`preparation`).
    _, _, body = sandbox.request("GET", f"/Communication?patient={a_patient(sandbox)}&_count=100")
    drafts = []
    page = f"/Communication?sender=Practitioner/{sandbox.me}&_count=100"
    while page and not drafts:
        _, _, body = sandbox.request("GET", page)
        bundle = json.loads(body)
        drafts = [e["resource"]["id"] for e in bundle.get("entry", []) if e["resource"]["status"] == "preparation"]
        nxt = [link["url"] for link in bundle.get("link", []) if link["relation"] == "next"]
        page = nxt[0].replace(sandbox.url, "") if nxt else None
    assert drafts, "the sandbox seeds a draft"
    draft = transmission(message(drafts[0], StaffFactory.create(user__is_staff=True), PatientFactory.create()))
    assert transmitted(draft, sandbox) == []


def test_a_patients_own_words_and_a_message_between_staff_are_never_delivered(sandbox) -> None:
    nurse, doctor = StaffFactory.create(user__is_staff=True), StaffFactory.create(user__is_staff=True)
    patient = PatientFactory.create()
    from_patient = transmission(message(str(uuid.uuid4()), patient, doctor))
    between_staff = transmission(message(str(uuid.uuid4()), nurse, doctor))
    assert transmitted(from_patient, sandbox) == []
    assert transmitted(between_staff, sandbox) == []


def test_without_the_patient_apps_secrets_nothing_is_delivered(sandbox) -> None:
    message_id = on_server(sandbox, "Hello.", f"Practitioner/{sandbox.me}", a_patient(sandbox))
    sent = transmission(message(message_id, StaffFactory.create(user__is_staff=True), PatientFactory.create()))
    assert transmitted(sent, sandbox, secrets={**SECRETS, "patient-app-secret": ""}) == []
    assert len(transmitted(sent, sandbox)) == 1, "the same message, the secrets set: delivered"
