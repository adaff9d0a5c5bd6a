import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from network.models import Service, VerificationReminder

from .once import on_the_module_network

pytestmark = on_the_module_network(__name__)


def make_due(service, days=340):
    service.verified_on = timezone.localdate() - datetime.timedelta(days=days)
    service.save()


def test_it_mails_each_organizations_editors_once_listing_their_due_services(
    network, enschede, enschede_editor, menzis_adviser
):
    Service.objects.update(verified_on=timezone.localdate())
    make_due(network["enschede"]["oco"])
    make_due(network["enschede"]["wijkteam"])
    make_due(network["enschede"]["wlz-co"])  # the care office's
    call_command("send_verification_reminders", stdout=None)
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipient) == {(enschede_editor.email,), (menzis_adviser.email,)}
    body = by_recipient[(enschede_editor.email,)].body
    assert network["enschede"]["oco"].name in body
    assert network["enschede"]["oco"].get_absolute_url() in body
    assert network["enschede"]["huisarts"].name not in body


def test_it_does_not_remind_about_a_service_twice_in_a_month(network, enschede_editor):
    Service.objects.update(verified_on=timezone.localdate())
    make_due(network["enschede"]["oco"])
    call_command("send_verification_reminders")
    call_command("send_verification_reminders")
    assert len(mail.outbox) == 1
    assert VerificationReminder.objects.count() == 1


def test_a_dry_run_lists_but_sends_and_remembers_nothing(network, enschede_editor, capsys):
    Service.objects.update(verified_on=timezone.localdate())
    make_due(network["enschede"]["oco"], days=800)
    call_command("send_verification_reminders", "--dry-run")
    assert network["enschede"]["oco"].name in capsys.readouterr().out
    assert mail.outbox == []
    assert not VerificationReminder.objects.exists()


def test_archived_services_get_no_reminder(network, enschede_editor):
    Service.objects.update(verified_on=timezone.localdate(), archived=True)
    make_due(network["enschede"]["oco"])
    Service.objects.update(archived=True)
    call_command("send_verification_reminders")
    assert mail.outbox == []
