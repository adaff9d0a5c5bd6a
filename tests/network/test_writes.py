"""The network's writes, tested directly (network/services.py): each locks, checks
the version the user saw, and leaves an audit event; a stale version changes nothing."""

import pytest

from network import services
from network.forms import LinkForm, StepProgressForm
from network.models import Link, Service, Step, StepProgress
from toolbox_site.locking import Conflict
from toolbox_site.models import AuditEvent

from .once import on_the_module_network

pytestmark = on_the_module_network(__name__)


@pytest.mark.parametrize(
    ("change", "action", "field", "value"),
    [
        (services.archive_service, "network.service.archived", "archived", True),
        (services.verify_service, "network.service.verified", "verified_by_id", "user"),
    ],
)
def test_a_service_change_raises_the_version_and_is_audited(
    network, enschede_editor, change, action, field, value
):
    service = network["enschede"]["huisarts"]
    before = service.version
    changed = change(service, enschede_editor, before)
    changed.refresh_from_db()
    assert changed.version == before + 1
    expected = enschede_editor.pk if value == "user" else value
    assert getattr(changed, field) == expected
    assert AuditEvent.objects.filter(action=action, user=enschede_editor).count() == 1


def test_unarchive_brings_a_service_back(network, enschede_editor):
    service = network["enschede"]["huisarts"]
    archived = services.archive_service(service, enschede_editor, service.version)
    back = services.unarchive_service(archived, enschede_editor, archived.version)
    back.refresh_from_db()
    assert not back.archived
    assert back.version == service.version + 2


@pytest.mark.parametrize(
    "change", [services.archive_service, services.unarchive_service, services.verify_service]
)
def test_a_stale_version_changes_nothing(network, enschede_editor, change):
    service = network["enschede"]["huisarts"]
    stale = service.version - 1
    with pytest.raises(Conflict) as raised:
        change(service, enschede_editor, stale)
    assert raised.value.current.version == service.version
    assert Service.objects.get(pk=service.pk).version == service.version
    assert not AuditEvent.objects.filter(action__startswith="network.service.").exists()


def test_a_link_edit_on_a_stale_version_is_a_conflict(network, enschede_editor, enschede):
    link = Link.objects.filter(municipality=enschede).first()
    data = {
        "from_service": link.from_service_id,
        "to_service": link.to_service_id,
        "kind": link.kind,
        "note": "Nieuw",
        "version": link.version,
    }
    Link.objects.filter(pk=link.pk).update(version=link.version + 1)  # a colleague saved
    form = LinkForm(data, municipality=enschede, instance=link)
    assert form.is_valid(), form.errors
    with pytest.raises(Conflict):
        services.update_link(form, enschede_editor)
    assert Link.objects.get(pk=link.pk).note != "Nieuw"


def test_a_duplicate_link_is_refused_without_a_write(network, enschede_editor, enschede):
    link = Link.objects.filter(municipality=enschede).first()
    form = LinkForm(
        {
            "from_service": link.from_service_id,
            "to_service": link.to_service_id,
            "kind": link.kind,
            "version": 1,
        },
        municipality=enschede,
        instance=Link(),
    )
    if form.is_valid():  # the form may already see the duplicate; the service must too
        with pytest.raises(services.DuplicateLink):
            services.create_link(form, enschede_editor)
    assert not AuditEvent.objects.filter(action="network.link.created").exists()


def test_deleting_a_link_is_audited(network, enschede_editor, enschede):
    link = Link.objects.filter(municipality=enschede).first()
    services.delete_link(link, enschede_editor)
    assert not Link.objects.filter(pk=link.pk).exists()
    assert AuditEvent.objects.filter(action="network.link.deleted").count() == 1


def test_step_progress_first_save_then_a_stale_second(network, enschede_editor, enschede):
    step = Step.objects.first()
    StepProgress.objects.filter(municipality=enschede, step=step).delete()
    data = {"status": StepProgress.Status.DONE, "note": "Klaar", "version": 0}
    form = StepProgressForm(data, instance=StepProgress(municipality=enschede, step=step))
    assert form.is_valid(), form.errors
    record = services.save_step_progress(form, enschede_editor, enschede, step)
    assert record.version == 1
    again = StepProgressForm(data, instance=StepProgress(municipality=enschede, step=step))
    assert again.is_valid(), again.errors
    with pytest.raises(Conflict):
        services.save_step_progress(again, enschede_editor, enschede, step)
    assert StepProgress.objects.get(pk=record.pk).version == 1
    assert AuditEvent.objects.filter(action="network.step.changed").count() == 1
