"""The data `canvas run-plugin --db-seed-file` puts in the runner's database: a clinician, a patient, the patient's
message to the clinician and a routing to the clinician. Their ids go to the file named by `SEED_OUT`, for the
event fixtures `canvas emit` sends."""

import json
import os

from canvas_sdk.test_utils.factories import PatientFactory, StaffFactory, TaskFactory
from canvas_sdk.v1.data.message import Message

doctor = StaffFactory.create(user__is_staff=True)
ann = PatientFactory.create()
message = Message.objects.create(content="I have chest pain", sender=ann.user, recipient=doctor.user)
nurse = StaffFactory.create(user__is_staff=True)
task = TaskFactory.create(assignee=doctor, creator=nurse)
with open(os.environ["SEED_OUT"], "w") as out:
    json.dump({"doctor": str(doctor.id), "nurse": str(nurse.id), "message": str(message.id), "task": str(task.id)},
              out)
