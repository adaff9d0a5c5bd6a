"""Much finder data, for the query-count tests (called from ``tests/network/bulk.py``):
services with life domains and target groups serving Enschede, search counts and
residents' reports. The finder, the reports pages, the unmet-demand page and the
HSDS API must not make more queries with it."""

import datetime

from finder import situations as finder_data
from finder.models import FinderSearch, LifeSituation, ServiceReport
from finder.services import recount_searches
from network.models import LifeDomain, Provider, Role, Service, TargetGroup
from toolbox_site.models import Organization


def add_bulk_data(region, cast):
    finder_data.load()
    roles = list(Role.objects.all())
    domains = list(LifeDomain.objects.all())
    groups = list(TargetGroup.objects.all())
    situations = list(LifeSituation.objects.all())
    municipalities = list(Organization.objects.municipalities().filter(region=region))
    enschede = Organization.objects.filter(slug="enschede").first() or municipalities[0]
    provider = Provider.objects.create(name="Bulk finder", maintained_by=enschede)
    services = Service.objects.bulk_create(
        Service(
            owning_organization=enschede,
            provider=provider,
            role=roles[number % len(roles)],
            name=f"Bulk finderdienst {number}",
            description="Veel data.",
            independent=number % 2 == 0,
            languages="Nederlands, Engels, Turks",
            phone="053 000 0000",
            email=f"bulk{number}@example.org",
            verified_on=datetime.date(2025, 1, 1),
        )
        for number in range(40)
    )
    Service.municipalities.through.objects.bulk_create(
        Service.municipalities.through(service=service, organization=municipality)
        for service in services
        for municipality in {*municipalities[:5], enschede}
    )
    Service.life_domains.through.objects.bulk_create(
        Service.life_domains.through(service=service, lifedomain=domain)
        for service in services
        for domain in domains[:4]
    )
    Service.target_groups.through.objects.bulk_create(
        Service.target_groups.through(service=service, targetgroup=group)
        for service in services
        for group in groups[:4]
    )
    today = datetime.date.today()
    FinderSearch.objects.bulk_create(
        FinderSearch(
            municipality=municipalities[number % len(municipalities)],
            situation=situations[number % len(situations)],
            result_count=number % 5,
            independent_found=number % 3 == 0,
            date=today - datetime.timedelta(days=number % 300),
        )
        for number in range(600)
    )
    recount_searches(municipalities)
    ServiceReport.objects.bulk_create(
        ServiceReport(
            service=services[number % len(services)],
            reason=ServiceReport.Reason.OUT_OF_DATE,
            text="Veel meldingen.",
            status=ServiceReport.Status.OPEN if number % 2 else ServiceReport.Status.CLOSED,
            closing_note="" if number % 2 else "Gedaan.",
        )
        for number in range(60)
    )
