"""Two editors saving the agreements of one municipality at once: the second
gets a conflict message naming what the first changed, keeps what they typed,
and nothing is silently overwritten. Runs on SQLite and PostgreSQL; the test
with two real concurrent transactions needs PostgreSQL's row locks."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from criteria.models import Criterion, LocalAgreement
from criteria.services import save_agreements
from toolbox_site.models import Membership

from ..factories import make_user
from .conftest import agreements_post

URL = reverse("criteria:agreements", kwargs={"slug": "enschede"})


@pytest.fixture
def criteria(criteria_framework):
    return list(Criterion.objects.filter(framework=criteria_framework).order_by("pk"))


@pytest.fixture
def first(cast):
    return cast["enschede.editor"]


@pytest.fixture
def second(enschede):
    return make_user(
        "enschede.editor2",
        enschede,
        Membership.Role.EDITOR,
        first_name="Bram",
        last_name="Ter Horst",
    )


@pytest.fixture
def agreed_on1(criteria, enschede, first):
    return LocalAgreement.objects.create(
        municipality=enschede,
        criterion=criteria[0],
        status="in_discussion",
        area="quality",
        text="Eerste versie.",
        updated_by=first,
    )


def test_the_second_saver_gets_a_conflict_naming_what_the_other_changed(
    client, criteria, agreed_on1, first, second
):
    on1, on2 = criteria[0], criteria[1]
    # Both open the form: they see version 1 of ON-1.
    seen = agreements_post(criteria)
    # The second editor saves first.
    client.force_login(second)
    theirs = {**seen, f"status_{on1.pk}": "agreed", f"text_{on1.pk}": "Door Bram vastgelegd."}
    assert client.post(URL, theirs).status_code == 302
    # Then the first editor saves what they typed on the old version.
    client.force_login(first)
    mine = {
        **seen,
        f"status_{on1.pk}": "not_adopted",
        f"text_{on1.pk}": "Mijn eigen tekst.",
        f"status_{on2.pk}": "agreed",
    }
    response = client.post(URL, mine)

    assert response.status_code == 200
    content = response.content.decode()
    message = " ".join(response.context["form"].errors[f"status_{on1.pk}"])
    assert "Bram Ter Horst" in message
    assert "Afspraak: Eerste versie. → Door Bram vastgelegd." in message
    assert "Status: in bespreking → afgesproken" in message
    # What the first editor typed is still in the form.
    assert "Mijn eigen tekst." in content
    assert 'value="not_adopted" selected' in content
    # Nothing of theirs was written, not even the criterion without a conflict.
    agreement = LocalAgreement.objects.get(pk=agreed_on1.pk)
    assert (agreement.status, agreement.text, agreement.version) == (
        "agreed",
        "Door Bram vastgelegd.",
        2,
    )
    assert not LocalAgreement.objects.filter(criterion=on2).exists()
    # The form now carries the new version: saving again is a conscious overwrite.
    assert f'name="version_{on1.pk}" value="2"' in content


def test_saving_again_after_a_conflict_overwrites_knowingly(
    client, criteria, agreed_on1, first, second
):
    on1 = criteria[0]
    seen = agreements_post(criteria)
    client.force_login(second)
    client.post(URL, {**seen, f"status_{on1.pk}": "agreed"})
    client.force_login(first)
    response = client.post(URL, {**seen, f"text_{on1.pk}": "Mijn tekst."})
    assert response.status_code == 200
    again = response.context["form"].data.copy()
    assert client.post(URL, again).status_code == 302
    agreement = LocalAgreement.objects.get(pk=agreed_on1.pk)
    assert agreement.text == "Mijn tekst."
    assert agreement.version == 3


def test_changes_to_different_criteria_do_not_conflict(client, criteria, agreed_on1, first, second):
    on1, on2 = criteria[0], criteria[1]
    seen = agreements_post(criteria)
    client.force_login(second)
    assert client.post(URL, {**seen, f"text_{on1.pk}": "Bram."}).status_code == 302
    client.force_login(first)
    # The first editor did not touch ON-1, but their form still shows its old text.
    response = client.post(URL, {**seen, f"status_{on2.pk}": "agreed"})
    # The old ON-1 value differs from the saved one: that is a conflict too, never an overwrite.
    assert response.status_code == 200
    assert LocalAgreement.objects.get(pk=agreed_on1.pk).text == "Bram."
    # With a fresh form, the change to ON-2 is saved and ON-1 is left alone.
    fresh = {**agreements_post(criteria), f"status_{on2.pk}": "agreed"}
    assert client.post(URL, fresh).status_code == 302
    assert LocalAgreement.objects.get(criterion=on2).status == "agreed"
    assert LocalAgreement.objects.get(pk=agreed_on1.pk).text == "Bram."


def test_two_editors_creating_the_same_agreement_do_not_overwrite(client, criteria, first, second):
    on1 = criteria[0]
    seen = agreements_post(criteria)
    client.force_login(second)
    assert client.post(URL, {**seen, f"status_{on1.pk}": "agreed"}).status_code == 302
    client.force_login(first)
    response = client.post(URL, {**seen, f"status_{on1.pk}": "not_adopted"})
    assert response.status_code == 200
    assert LocalAgreement.objects.get(criterion=on1).status == "agreed"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs row locks across two connections"
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_of_the_same_version_let_exactly_one_win(
    criteria_framework, enschede, first, second
):
    criteria = list(Criterion.objects.filter(framework=criteria_framework).order_by("pk")[:1])
    on1 = criteria[0]
    agreement = LocalAgreement.objects.create(
        municipality=enschede, criterion=on1, status="in_discussion"
    )
    barrier = threading.Barrier(2)
    results = {}

    def save(user, status):
        try:
            barrier.wait()
            values = {
                on1.pk: {"status": status, "area": "", "text": user.username, "review_date": None}
            }
            results[user.username] = save_agreements(
                enschede, criteria, values, {on1.pk: agreement.version}, user
            )
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(first, "agreed")),
        threading.Thread(target=save, args=(second, "not_adopted")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcomes = sorted(bool(result.conflicts) for result in results.values())
    assert outcomes == [False, True]
    winner = next(name for name, result in results.items() if not result.conflicts)
    saved = LocalAgreement.objects.get(pk=agreement.pk)
    assert saved.text == winner
    assert saved.version == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs two transactions at once on one unique key"
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_of_the_first_agreement_give_a_conflict_not_an_error(
    criteria_framework, enschede, first, second
):
    """Neither editor saw an agreement, so there was no row to lock: both inserted,
    and the second insert failed on the unique key (a 500, and their input lost)."""
    criteria = list(Criterion.objects.filter(framework=criteria_framework).order_by("pk")[:1])
    on1 = criteria[0]
    barrier = threading.Barrier(2)
    results, errors = {}, []

    def save(user, status):
        try:
            barrier.wait()
            values = {
                on1.pk: {"status": status, "area": "", "text": user.username, "review_date": None}
            }
            results[user.username] = save_agreements(enschede, criteria, values, {on1.pk: 0}, user)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(first, "agreed")),
        threading.Thread(target=save, args=(second, "not_adopted")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    outcomes = sorted(bool(result.conflicts) for result in results.values())
    assert outcomes == [False, True]
    winner = next(name for name, result in results.items() if not result.conflicts)
    saved = LocalAgreement.objects.get(municipality=enschede, criterion=on1)
    assert (saved.text, saved.version) == (winner, 1)
