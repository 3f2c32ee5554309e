"""clinbox's HTTP API (companion-api.md): ids, times and read state only, never a message's words or a name."""

from http import HTTPStatus

from canvas_sdk.effects.simple_api import JSONResponse
from canvas_sdk.handlers.simple_api import APIKeyCredentials, SimpleAPI, api

from clinbox_companion.auth import key_matches

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
