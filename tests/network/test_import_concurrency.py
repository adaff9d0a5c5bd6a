"""Two confirmations of one import at the same moment: exactly one applies it. In a
module of its own, as it needs committed data that two connections see (the other
import tests share a network built once, inside a transaction)."""

import threading

import pytest
from django.db import connection

from network import importing
from network.models import Service, ServiceImport

from .test_import_export import to_csv, upload
from .test_import_rules import new_row


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_confirmations_exactly_one_applies(client, network, enschede_editor):
    if connection.vendor != "postgresql":
        pytest.skip("needs a database with row locks between connections")
    client.force_login(enschede_editor)
    upload(client, to_csv([new_row(client)]))
    pending = ServiceImport.objects.get()
    barrier = threading.Barrier(2)
    outcomes = []

    def confirm():
        try:
            mine = ServiceImport.objects.get(pk=pending.pk)
            barrier.wait()
            importing.confirm(mine, enschede_editor)
            outcomes.append("applied")
        except importing.ImportNotPending:
            outcomes.append("already applied")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already applied", "applied"]
    assert Service.objects.filter(name="Nieuwe dienst uit de import").count() == 1
