"""What the plugin's tests run against: Canvas's SDK (its test settings, SQLite, factories) for the data, and
clinbox's sandbox on loopback for the plugin's own FHIR reads (`CLINBOX_BIN`, built by `swift build`)."""

import json
import os
import re
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest


@dataclass
class Sandbox:
    url: str
    me: str  # the practitioner the sandbox offers to act as (its id)

    def token(self) -> str:
        form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": "demo",
                                       "client_secret": "demo"}).encode()
        with urllib.request.urlopen(f"{self.url}/auth/token/", form) as answer:
            return json.load(answer)["access_token"]

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict, str]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.url}{path}", data=data, method=method,
                                     headers={"Authorization": f"Bearer {self.token()}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def sandbox():
    binary = os.environ.get("CLINBOX_BIN", os.path.join(os.path.dirname(__file__), "../../.build/debug/clinbox"))
    if not os.access(binary, os.X_OK):
        pytest.fail(f"clinbox's sandbox is needed: build it (swift build) or set CLINBOX_BIN ({binary})")
    folder = tempfile.mkdtemp(prefix="companion-sandbox-")
    port = free_port()
    log = open(os.path.join(folder, "sandbox.log"), "w+")
    process = subprocess.Popen([binary, "sandbox", "--port", str(port), "--messages", "40",
                                "--db", os.path.join(folder, "sandbox.sqlite")], stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 30
        me = None
        while me is None and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
            log.seek(0)
            found = re.search(r"--as Practitioner/(\w+)", log.read())
            me = found.group(1) if found else None
        if me is None:
            pytest.fail("the sandbox did not start")
        yield Sandbox(url=f"http://127.0.0.1:{port}", me=me)
    finally:
        process.terminate()
        process.wait(timeout=10)
