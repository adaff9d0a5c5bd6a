"""One change, one history record: many-to-many fields do not add "saved without change" rows."""

from django.urls import reverse

from network.models import LifeDomain, Role, Service, TargetGroup

from .test_services import service_data


def test_creating_a_service_through_the_form_writes_one_history_record(
    client, network, enschede, enschede_editor
):
    client.force_login(enschede_editor)
    domains = list(LifeDomain.objects.values_list("pk", flat=True)[:2])
    groups = list(TargetGroup.objects.values_list("pk", flat=True)[:1])
    data = service_data(municipalities=[enschede.pk], life_domains=domains, target_groups=groups)
    response = client.post(reverse("network:service_create", kwargs={"slug": "enschede"}), data)
    assert response.status_code == 302
    service = Service.objects.get(name="Nieuwe dienst")
    records = list(service.history.all())
    assert len(records) == 1
    record = records[0]
    assert record.history_type == "+"
    # The one record holds the relations set after the save.
    assert [row.organization_id for row in record.municipalities.all()] == [enschede.pk]
    assert sorted(row.lifedomain_id for row in record.life_domains.all()) == sorted(domains)
    assert [row.targetgroup_id for row in record.target_groups.all()] == groups

    edit = reverse("network:service_edit", kwargs={"pk": service.pk})
    form = client.get(edit).context["form"]
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(
        name="Nieuwe dienst",
        role=service.role_id,
        provider=service.provider_id,
        municipalities=[enschede.pk],
        life_domains=domains[:1],
        target_groups=[],
        laws=[],
        phone="053 011 1111",
    )
    response = client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    assert service.history.count() == 2
    latest = service.history.latest()
    assert [row.lifedomain_id for row in latest.life_domains.all()] == domains[:1]
    assert latest.phone == "053 011 1111"


def test_a_service_created_in_code_with_relations_has_one_record(network, enschede):
    old = network["enschede"]["oco"]
    service = Service.objects.create(
        owning_organization=enschede,
        provider=old.provider,
        role=Role.objects.get(slug="wijkteam"),
        name="Nog een dienst",
    )
    service.municipalities.set([enschede])
    service.life_domains.set(LifeDomain.objects.all()[:3])
    assert service.history.count() == 1
    # Each relation set after the save is in the record, the earlier ones kept.
    record = service.history.get()
    assert [row.organization_id for row in record.municipalities.all()] == [enschede.pk]
    assert record.life_domains.count() == 3


def test_a_later_change_of_relations_alone_gets_its_own_record(network, enschede):
    service = Service.objects.get(pk=network["enschede"]["oco"].pk)
    before = service.history.count()
    service.life_domains.clear()
    assert service.history.count() == before + 1
