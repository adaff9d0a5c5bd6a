"""Demo data of the call-back requests (run by ``seed_demo`` after the finder's): two
requests for Enschede's independent client support, one new and one handled, from
``data/demo.json`` (made-up names and numbers). Idempotent: nothing is added when the
service has requests already."""

import json
from pathlib import Path

from django.utils import timezone

from finder.models import LifeSituation
from network.models import Service
from toolbox_site.models import Organization

from .models import CallbackRequest

DATA = Path(__file__).parent / "data" / "demo.json"


def seed():
    data = json.loads(DATA.read_text(encoding="utf-8"))
    service = Service.objects.filter(
        owning_organization__slug=data["municipality"], name=data["service"]
    ).first()
    if service is None:
        return "no demo service"
    if CallbackRequest.objects.filter(service=service).exists():
        return "call-back requests already there"
    municipality = Organization.objects.get(slug=data["municipality"])
    situations = {s.slug: s for s in LifeSituation.objects.all()}
    for row in data["requests"]:
        status = row["status"]
        CallbackRequest.objects.create(
            service=service,
            municipality=municipality,
            situation=situations[row["situation"]],
            first_name=row["first_name"],
            phone=row["phone"],
            best_time=row["best_time"],
            note=row["note"],
            consent=True,
            status=status,
            handled_at=None if status == CallbackRequest.Status.NEW else timezone.now(),
        )
    return f"{len(data['requests'])} call-back requests"
