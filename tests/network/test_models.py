import pytest
from django.core.exceptions import ValidationError

from finder import situations as finder_data
from network import taxonomy
from network.models import Link, Role, RoleCategory, Service, Step


def test_the_reference_lists_are_loaded_by_the_migration(db):
    assert RoleCategory.objects.count() == 5
    assert Role.objects.count() == len(taxonomy.ROLES)
    assert Step.objects.count() == 6


def test_loading_the_reference_lists_again_changes_nothing(db):
    assert taxonomy.load() == 0


def test_the_demo_network_gives_every_municipality_at_least_fifteen_services(network, enschede):
    assert Service.objects.serving(enschede).active().count() >= 15


def test_a_link_refuses_a_service_that_does_not_serve_the_municipality(network, enschede):
    hengelo_service = network["hengelo"]["wijkteam"]
    link = Link(
        municipality=enschede,
        from_service=network["enschede"]["wijkteam"],
        to_service=hengelo_service,
        kind=Link.Kind.REFERS_TO,
    )
    with pytest.raises(ValidationError) as error:
        link.full_clean()
    assert "to_service" in error.value.message_dict


def test_a_change_to_a_service_is_kept_in_its_history(network):
    service = network["enschede"]["oco"]
    service.name = "Nieuwe naam"
    service.save()
    assert service.history.first().name == "Nieuwe naam"
    assert service.history.count() >= 2


def test_the_data_migration_does_not_import_live_code():
    """Migrations load frozen data: a later change to the app's code or data files
    must not change what an old migration does."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "network" / "migrations"
    for path in folder.glob("*.py"):
        text = path.read_text()
        assert "from network" not in text and "import network" not in text, path.name


def test_the_frozen_reference_data_still_matches_the_live_data_file():
    """Today both say the same; when the live file changes, a new data migration
    carries the change (this test then points at the difference)."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "network"
    data = root / "migrations" / "data"
    assert json.loads((data / "0002_reference_data.json").read_text()) == taxonomy.DATA
    assert json.loads((data / "0101_finder_life_situations.json").read_text()) == finder_data.DATA
