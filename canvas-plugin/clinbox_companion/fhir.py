"""The plugin's own reads through Canvas's FHIR API, as the messaging guide's protocol read each message.

Canvas's `CanvasFhir` client fixes its host to the instance's; this reader takes the host, so that its tests read
from clinbox's sandbox on loopback. The answer's text is kept as the server sent it: the patient's app receives
those bytes, signed.
"""

from urllib.parse import quote, urlencode

from canvas_sdk.utils.http import Http


class FhirReader:
    """Reads one resource at a time, with a client-credentials token asked once per reader."""

    def __init__(self, base_url: str, token_url: str, client_id: str, client_secret: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.token_url = token_url
        self.client_id = client_id
        self.client_secret = client_secret
        self._token = None

    @classmethod
    def for_instance(cls, customer: str, client_id: str, client_secret: str) -> "FhirReader":
        """The reader of a Canvas instance (`fumage-<customer>` serves FHIR; `<customer>` issues tokens)."""
        return cls(f"https://fumage-{customer}.canvasmedical.com",
                   f"https://{customer}.canvasmedical.com/auth/token/", client_id, client_secret)

    def token(self) -> str:
        if self._token is None:
            form = urlencode({"grant_type": "client_credentials", "client_id": self.client_id,
                              "client_secret": self.client_secret})
            answer = Http().post(self.token_url, data=form,
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
            answer.raise_for_status()
            self._token = answer.json()["access_token"]
        return self._token

    def read_text(self, resource_type: str, resource_id: str) -> str:
        """The resource's JSON as the server sent it."""
        answer = Http().get(f"{self.base_url}/{resource_type}/{quote(resource_id, safe='')}",
                            headers={"Authorization": f"Bearer {self.token()}", "Accept": "application/json"})
        answer.raise_for_status()
        return answer.text
