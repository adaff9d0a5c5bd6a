"""Many practice examples, for the query-count test at the "much data" size."""

from toolbox_site.models import Organization

from .fixtures import make_example


def add_bulk_data(region, cast):
    from criteria.models import Criterion
    from network import taxonomy
    from network.models import Role

    taxonomy.load()
    criteria = list(Criterion.objects.filter(framework__region=region)[:5])
    roles = list(Role.objects.all()[:4])
    municipalities = list(Organization.objects.municipalities().filter(region=region))
    for number in range(25):  # more than two pages (practice/views.py PER_PAGE)
        make_example(
            municipalities[number % len(municipalities)],
            f"Voorbeeld {number}",
            published=number % 4 != 0,
            days_ago=number,
            criteria=criteria,
            roles=roles,
        )
