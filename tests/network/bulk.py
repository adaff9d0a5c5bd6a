"""Much network data, for the query-count tests: pages must not grow with it."""

import copy
import datetime

from network.models import Link, Provider, Role, Service, Step, StepProgress
from toolbox_site.models import Organization


def add_bulk_data(region, cast):
    roles = list(Role.objects.all())
    municipalities = list(Organization.objects.municipalities().filter(region=region))
    steps = list(Step.objects.all())
    enschede = Organization.objects.filter(slug="enschede").first()
    through = Service.municipalities.through
    for municipality in municipalities:
        provider = Provider.objects.create(
            name=f"Bulk {municipality.slug}", maintained_by=municipality
        )
        services = Service.objects.bulk_create(
            Service(
                owning_organization=municipality,
                provider=provider,
                role=roles[number % len(roles)],
                name=f"Bulkdienst {municipality.slug} {number}",
                description="Veel data.",
                verified_on=datetime.date(2020, 1, 1) if number % 2 else None,
            )
            for number in range(10)
        )
        targets = {municipality, enschede} - {None}
        through.objects.bulk_create(
            through(service=service, organization=target)
            for service in services
            for target in targets
        )
        Link.objects.bulk_create(
            Link(
                municipality=municipality,
                from_service=services[number],
                to_service=services[number + 1],
                kind=Link.Kind.REFERS_TO,
            )
            for number in range(len(services) - 1)
        )
        StepProgress.objects.bulk_create(
            (StepProgress(municipality=municipality, step=step, status="done") for step in steps),
            ignore_conflicts=True,
        )
    # A long history (more changes than a service's page lists) and many links for the
    # services the inventory's detail pages show. The changes are written as history
    # records at once, the last through a save as a form makes it.
    for service in Service.objects.filter(owning_organization=enschede, archived=False)[:3]:
        changes = []
        for number in range(25):
            change = copy.copy(service)
            change.phone = f"053 000 {number:04d}"
            changes.append(change)
        Service.history.bulk_history_create(changes[:-1], update=True)
        service.phone = changes[-1].phone
        service.save()
        if enschede is not None:
            others = list(Service.objects.serving(enschede).exclude(pk=service.pk)[:20])
            Link.objects.bulk_create(
                (
                    Link(
                        municipality=enschede,
                        from_service=service,
                        to_service=other,
                        kind=Link.Kind.WORKS_WITH,
                    )
                    for other in others
                ),
                ignore_conflicts=True,
            )
