"""`GET /v1/info` as Canvas hands it to the plugin: an authenticate event, then the request event."""

import base64
import json
import os

from canvas_generated.messages.events_pb2 import Event as EventRequest
from canvas_sdk.events import Event, EventType

from clinbox_companion.api import CompanionAPI

KEY = "the clinic's key"


def event(kind: int, path: str, key: str | None) -> Event:
    headers = {"Authorization": key} if key is not None else {}
    context = {"method": "GET", "path": path, "query_string": "", "body": base64.b64encode(b"").decode(),
               "headers": headers}
    return Event(EventRequest(type=kind, target="", context=json.dumps(context)))


def answer(kind: int, key: str | None, secrets: dict) -> tuple[int, dict]:
    effects = CompanionAPI(event(kind, "/v1/info", key), secrets=secrets).compute()
    payload = json.loads(effects[0].payload)
    body = base64.b64decode(payload["body"]).decode() if payload.get("body") else ""
    return payload["status_code"], (json.loads(body) if body else {})


def test_the_clinics_key_opens_the_api_and_a_wrong_or_missing_one_does_not() -> None:
    secrets = {"api-key": KEY}
    assert answer(EventType.SIMPLE_API_AUTHENTICATE, KEY, secrets)[0] == 200
    assert answer(EventType.SIMPLE_API_AUTHENTICATE, "guess", secrets)[0] == 401
    assert answer(EventType.SIMPLE_API_AUTHENTICATE, None, secrets)[0] == 401
    assert answer(EventType.SIMPLE_API_AUTHENTICATE, KEY, {})[0] == 401, "no key set: nobody is let in"


def test_info_names_the_plugin_its_api_and_whether_it_delivers() -> None:
    status, body = answer(EventType.SIMPLE_API_REQUEST, KEY, {"api-key": KEY})
    assert status == 200
    assert body["plugin"] == "clinbox_companion" and body["api"] == 1 and body["delivery"] is False
    manifest = json.load(open(os.path.join(os.path.dirname(__file__), "../clinbox_companion/CANVAS_MANIFEST.json")))
    assert body["version"] == manifest["plugin_version"], "the version Canvas shows is the one clinbox is told"
    delivering = {"api-key": KEY, "patient-app-url": "https://app.example.org/in", "patient-app-secret": "s"}
    assert answer(EventType.SIMPLE_API_REQUEST, KEY, delivering)[1]["delivery"] is True
