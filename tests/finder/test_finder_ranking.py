"""The finder's ranking, tested directly: ``finder.services.rank_services``."""

from finder.models import AgeGroup, LifeSituation, Preference
from finder.services import finder_candidates, rank_services
from network.models import Formality, Service

from ..network.once import on_the_module_network

pytestmark = on_the_module_network(__name__)


def ranked(municipality, slug, **options):
    situation = LifeSituation.objects.get(slug=slug)
    return rank_services(finder_candidates(municipality), situation, **options)


def test_independent_client_support_comes_first(finder_network, enschede):
    results = ranked(enschede, "geldzorgen")
    groups = [result.independent_support for result in results]
    assert groups[0] is True
    # once the other services start, no independent client support follows
    assert groups == sorted(groups, reverse=True)
    assert any(not independent for independent in groups)


def test_every_result_serves_the_municipality_and_fits_the_situation(finder_network, enschede):
    situation = LifeSituation.objects.get(slug="geldzorgen")
    domains = set(situation.life_domains.values_list("pk", flat=True))
    roles = set(situation.roles.values_list("pk", flat=True))
    for result in ranked(enschede, "geldzorgen"):
        service = result.service
        assert enschede in service.municipalities.all()
        fits_domain = domains & set(service.life_domains.values_list("pk", flat=True))
        assert fits_domain or service.role_id in roles


def test_archived_services_never_appear(finder_network, enschede):
    first = ranked(enschede, "geldzorgen")[0].service
    Service.objects.filter(pk=first.pk).update(archived=True)
    assert first not in [result.service for result in ranked(enschede, "geldzorgen")]


def test_an_archived_service_in_the_list_given_is_skipped(finder_network, enschede):
    situation = LifeSituation.objects.get(slug="geldzorgen")
    services = list(finder_candidates(enschede))
    services[0].archived = True
    ranked_services = [r.service for r in rank_services(services, situation)]
    assert services[0] not in ranked_services


def test_services_of_other_municipalities_never_appear(finder_network, enschede, hengelo):
    hengelo_only = Service.objects.filter(municipalities=hengelo).exclude(municipalities=enschede)
    assert hengelo_only.exists()
    results = {result.service.pk for result in ranked(enschede, "geldzorgen")}
    assert not results & set(hengelo_only.values_list("pk", flat=True))


def test_the_care_offices_wlz_support_fits_long_term_care(finder_network, enschede):
    results = ranked(enschede, "langdurige-zorg")
    names = [result.service.name for result in results if result.independent_support]
    assert "Wlz-cliëntondersteuning via het zorgkantoor" in names


def test_a_preference_for_a_volunteer_moves_volunteers_up(finder_network, enschede):
    def position(preference):
        results = ranked(enschede, "eenzaam", preference=preference)
        informal = [n for n, r in enumerate(results) if r.service.formality == Formality.INFORMAL]
        return informal[0]

    assert position(Preference.VOLUNTEER) <= position("")
    results = ranked(enschede, "eenzaam", preference=Preference.VOLUNTEER)
    volunteer = next(r for r in results if r.service.formality == Formality.INFORMAL)
    assert "U krijgt hulp van een getrainde vrijwilliger." in volunteer.reasons


def test_a_language_asked_for_is_named_as_a_reason(finder_network, enschede):
    Service.objects.filter(owning_organization=enschede).update(languages="Nederlands, Turks")
    results = ranked(enschede, "geldzorgen", language="Turks")
    assert any("Zij spreken ook Turks." in result.reasons for result in results)


def test_the_age_group_counts(finder_network, enschede):
    results = ranked(enschede, "langer-thuis-wonen", age_group=AgeGroup.ELDERLY)
    assert "Zij helpen vaak mensen van uw leeftijd." in results[0].reasons


def test_independent_support_says_so_in_plain_words(finder_network, enschede):
    result = ranked(enschede, "geldzorgen")[0]
    assert result.reasons[0] == "Deze hulp is onafhankelijk: zij staan aan uw kant."


def test_a_municipality_without_services_gets_no_results(finder_network, twente):
    from tests.factories import make_organization

    empty = make_organization(twente, "Lege gemeente")
    assert ranked(empty, "geldzorgen") == []
