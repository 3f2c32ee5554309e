"""The plugin in Canvas's own runner (`canvas run-plugin`, the plugin-runner Canvas runs plugins in), driven by
events sent as Canvas sends them (`canvas emit`, over the runner's gRPC): its handlers load there with the variables
an installation sets, and a message and a routing come out as broadcasts of ids to their staff's channels.

The delivery handler is not driven here: in the runner it reads the message through the instance's FHIR host
(`fumage-<instance>.canvasmedical.com`), which this machine cannot reach; its tests run the handler on the SDK
against the sandbox instead (`test_delivery.py`)."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CANVAS = str(Path(sys.executable).with_name("canvas"))


@pytest.fixture
def runner(tmp_path):
    """The runner with the plugin (copied beside its variables file, as an installation has them) and seeded data;
    the seeded ids. Stopped after the test."""
    plugin = tmp_path / "clinbox_companion"
    shutil.copytree(HERE.parent / "clinbox_companion", plugin)
    (plugin / "SECRETS.json").write_text(json.dumps({"api-key": "the clinic's key"}))
    ids = tmp_path / "ids.json"
    env = dict(os.environ, SEED_OUT=str(ids))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = (tmp_path / "runner.log").open("w")
    process = subprocess.Popen([CANVAS, "run-plugin", str(plugin), "--db-seed-file", str(HERE / "runner/seed.py"),
                                "--reset-db"], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        deadline = time.time() + 120
        while time.time() < deadline and "4/4 handlers loaded" not in (tmp_path / "runner.log").read_text():
            assert process.poll() is None, (tmp_path / "runner.log").read_text()
            time.sleep(0.2)
        assert "4/4 handlers loaded" in (tmp_path / "runner.log").read_text()
        yield json.loads(ids.read_text()), tmp_path
    finally:
        process.terminate()
        process.wait(timeout=30)


def emit(tmp_path: Path, event: str, target: str) -> list[dict]:
    """The effects the runner answers an event with: each one's type and payload, as `canvas emit` prints them."""
    fixture = tmp_path / f"{event}.ndjson"
    fixture.write_text(json.dumps({"EventType": event, "target": target, "context": "{}"}) + "\n")
    printed = subprocess.run([CANVAS, "emit", str(fixture)], capture_output=True, text=True, timeout=60).stdout
    kinds = re.findall(r"^type: (\w+)$", printed, re.MULTILINE)
    payloads = [json.loads(json.loads(p)) for p in re.findall(r'^payload: (".*")$', printed, re.MULTILINE)]
    assert len(kinds) == len(payloads), printed
    return [{"type": k, **p["data"]} for k, p in zip(kinds, payloads)]


def test_the_runner_broadcasts_a_message_and_a_routing_as_ids(runner) -> None:
    ids, tmp_path = runner
    told = emit(tmp_path, "MESSAGE_CREATED", ids["message"])
    assert [t["channel"] for t in told] == [f"staff-{ids['doctor']}", "practice"]
    assert all(t["type"] == "SIMPLE_API_WEBSOCKET_BROADCAST" for t in told)
    assert all(set(t["message"]) == {"type", "id", "modified"} and t["message"]["id"] == ids["message"]
               for t in told), "ids and a time, never the words"
    routed = emit(tmp_path, "TASK_CREATED", ids["task"])
    assert sorted(t["channel"] for t in routed) == sorted([f"staff-{ids['doctor']}", f"staff-{ids['nurse']}"])
    assert all(t["message"] == {"type": "task", "id": ids["task"], "modified": routed[0]["message"]["modified"]}
               for t in routed)
