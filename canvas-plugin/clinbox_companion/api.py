"""clinbox's HTTP API (companion-api.md): ids, times and read state only, never a message's words or a name."""

from datetime import UTC, datetime
from http import HTTPStatus

from canvas_sdk.effects.simple_api import JSONResponse
from canvas_sdk.handlers.simple_api import APIKeyCredentials, SimpleAPI, api

from clinbox_companion.auth import key_matches
from clinbox_companion.changes import feed
from clinbox_companion.reads import set_read

VERSION = "0.1.0"
API = 1


class CompanionAPI(SimpleAPI):
    """`/v1/...` under the plugin's base, for whoever holds the clinic's `api-key`."""

    PREFIX = "/v1"

    def authenticate(self, credentials: APIKeyCredentials) -> bool:
        return key_matches(credentials.key, self.secrets.get("api-key"))

    @api.get("/info")
    def info(self) -> list:
        delivery = bool(self.secrets.get("patient-app-url") and self.secrets.get("patient-app-secret"))
        return [JSONResponse({"plugin": "clinbox_companion", "version": VERSION, "api": API, "delivery": delivery},
                             status_code=HTTPStatus.OK)]

    @api.get("/changes")
    def changes(self) -> list:
        q = self.request.query_params
        return [feed(q.get("staff"), q.get("since"), q.get("limit"))]

    @api.put("/messages/<id>/read")
    def read(self) -> list:
        try:
            body = self.request.json()
        except ValueError:
            body = None
        return set_read(self.request.path_params["id"], body, datetime.now(UTC))
